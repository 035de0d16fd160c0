/** 办会: meeting types, rooms, meetings, 议题, 回执, sign-in and the leaders' week — inputs and views. */
import { z } from 'zod';
import { isoDate, safeLine, safeText, versionNumber } from './primitives.js';
import { RecordDetailView, RecordView } from './records.js';

export const defaultMeetingTypes = ['常务会议', '市长办公会议', '专题会议', '党组会议', '电视电话会议', '重大会议活动'] as const;

export const meetingStates = { planned: '筹备中', noticed: '已通知', held: '已召开', cancelled: '已取消' } as const;
export type MeetingState = keyof typeof meetingStates;

export const agendaStates = { submitted: '已报送', reviewed: '已审查', scheduled: '已列入议程', returned: '已退回' } as const;
export type AgendaState = keyof typeof agendaStates;

export const legalReviewResults = { passed: '合法', revise: '修改后可提交', failed: '不合法' } as const;

const instant = (label: string) => z.string().datetime({ offset: true, message: `${label}格式不正确` });
const uuid = (label: string) => z.string().uuid(`${label}格式不正确`);

export const MeetingScheduleShape = z.object({
    meetingType: safeLine().min(1, '请选择会议类型').max(40),
    subject: safeLine().min(1, '请填写会议名称').max(200),
    roomId: uuid('会议室').optional(),
    location: safeLine().max(100).optional(),
    startsAt: instant('开始时间'),
    endsAt: instant('结束时间'),
    chairName: safeLine().max(40).optional(),
    leaderIds: z.array(uuid('出席领导')).max(30).default([]),
    attendingUnitIds: z.array(uuid('参会单位')).max(200).default([]),
    submissionDeadline: instant('议题报送截止时间').optional(),
    note: safeText().max(2000).optional(),
});
export const MeetingSchedule = MeetingScheduleShape.refine((value) => new Date(value.endsAt) > new Date(value.startsAt), { message: '结束时间应晚于开始时间', path: ['endsAt'] })
  .refine((value) => !value.submissionDeadline || new Date(value.submissionDeadline) <= new Date(value.startsAt), {
    message: '议题报送截止时间应早于会议开始',
    path: ['submissionDeadline'],
  });
export type MeetingSchedule = z.infer<typeof MeetingSchedule>;

export const RescheduleMeetingInput = z.object({ schedule: MeetingSchedule, version: versionNumber() });
export const MeetingActionInput = z.object({ version: versionNumber(), reason: safeText().max(500).optional() });

export const SubmitAgendaItemInput = z.object({
  subject: safeLine().min(1, '请填写议题名称').max(200),
  summary: safeText().max(5000).default(''),
  materials: z.array(safeLine().min(1).max(200)).max(20).default([]),
  needsLegalReview: z.boolean(),
  /** Office staff submit for a unit; a 联络员 always for their own. */
  unitId: uuid('报送单位').optional(),
});
export const ReviewAgendaItemInput = z.object({
  result: z.enum(['passed', 'revise', 'failed'], { message: '请选择审查结论' }),
  opinion: safeText().min(1, '请填写审查意见').max(5000),
  opinionCount: z.number().int().min(0).max(100),
  version: versionNumber(),
});
export const SetAgendaInput = z.object({ itemIds: z.array(uuid('议题')).min(1, '请至少列入一项议题').max(50), version: versionNumber() });
export const ReceiptInput = z.object({ attendees: z.array(safeLine().min(1, '请填写参会人员姓名').max(40)).min(1, '请至少填写一名参会人员').max(20), note: safeLine().max(200).optional() });
export const SignInInput = z.object({ token: z.string().regex(/^[0-9a-f]{64}$/, '签到码无效') });
export const AttendanceInput = z.object({
  name: safeLine().min(1, '请填写姓名').max(40),
  unitId: uuid('单位').optional(),
  status: z.enum(['present', 'absent']),
  reason: safeLine().max(200).optional(),
  substitute: safeLine().max(40).optional(),
});
export const LeaderWeekQuery = z.object({ week: isoDate().optional() });

export const MeetingDetail = z.object({
  meeting: RecordDetailView,
  items: z.array(RecordView),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  leaders: z.array(z.object({ id: z.string(), name: z.string() })),
  roomName: z.string().nullable(),
  signInPath: z.string().nullable(),
  can: z.object({ manage: z.boolean(), submit: z.boolean(), review: z.boolean(), setAgenda: z.boolean(), receipt: z.boolean() }),
});
export type MeetingDetail = z.infer<typeof MeetingDetail>;

export const LeaderWeekView = z.object({
  from: z.string(),
  to: z.string(),
  leaders: z.array(z.object({ id: z.string(), name: z.string() })),
  meetings: z.array(z.object({ id: z.string(), title: z.string(), meetingType: z.string(), startsAt: z.string(), endsAt: z.string(), place: z.string(), leaderIds: z.array(z.string()), state: z.string() })),
});
export type LeaderWeekView = z.infer<typeof LeaderWeekView>;
