/**
 * The record types of 办会: meeting types (editable in 会议设置), rooms, meetings, 议题 and 会风会纪通报.
 * Types, rooms and notices are written through the generic record routes; meetings and 议题 only through
 * this module's use cases, which keep the room free of double bookings and the agenda lawful.
 */
import { z } from 'zod';
import { agendaStates, legalReviewResults, meetingStates, MeetingScheduleShape } from '../../../../common/schemas/meeting.js';
import { isoDate, safeLine, safeText } from '../../../../common/schemas/primitives.js';
import { defineRecordType } from '../../engine/records/record-type.js';

export const meetingTypeRecord = defineRecordType({
  type: 'meeting_type',
  label: '会议类型',
  fields: z.object({ name: safeLine().min(1, '请填写名称').max(40), isActive: z.boolean().default(true), sortOrder: z.number().int().min(0).max(999).default(0) }),
  title: (fields) => fields.name,
  initialState: 'active',
  listColumns: [{ key: 'name', label: '名称' }, { key: 'isActive', label: '启用' }],
  detail: [{ key: 'name', label: '名称' }, { key: 'isActive', label: '启用' }, { key: 'sortOrder', label: '排序' }],
  read: 'meeting.read',
  write: 'meeting.manage',
  isUnitScoped: false,
  writes: 'generic',
});

export const meetingRoomRecord = defineRecordType({
  type: 'meeting_room',
  label: '会议室',
  fields: z.object({ name: safeLine().min(1, '请填写会议室名称').max(60), location: safeLine().max(100).default(''), capacity: z.number().int().min(1, '容纳人数至少为 1').max(5000) }),
  title: (fields) => fields.name,
  initialState: 'active',
  listColumns: [{ key: 'name', label: '名称' }, { key: 'location', label: '位置' }, { key: 'capacity', label: '容纳人数' }],
  detail: [{ key: 'name', label: '名称' }, { key: 'location', label: '位置' }, { key: 'capacity', label: '容纳人数' }],
  read: 'meeting.read',
  write: 'meeting.manage',
  isUnitScoped: false,
  writes: 'generic',
});

const Receipt = z.object({ attendees: z.array(z.string()), note: z.string().optional(), at: z.string(), byName: z.string() });
const Attendance = z.object({
  name: z.string(),
  unitId: z.string().nullable(),
  status: z.enum(['present', 'absent']),
  via: z.enum(['qr', 'clerk']),
  reason: z.string().optional(),
  substitute: z.string().optional(),
  at: z.string(),
  userId: z.string().nullable(),
});

export const MeetingFields = MeetingScheduleShape.extend({
  agenda: z.array(z.string()).default([]),
  notice: z.object({ sentAt: z.string(), byName: z.string(), recipients: z.number() }).optional(),
  receipts: z.record(z.string(), Receipt).default({}),
  attendance: z.array(Attendance).default([]),
  cancelReason: z.string().optional(),
});
export type MeetingFields = z.infer<typeof MeetingFields>;

export const meetingRecord = defineRecordType({
  type: 'meeting',
  label: '会议',
  fields: MeetingFields,
  title: (fields) => fields.subject,
  span: (fields) => ({ startsAt: new Date(fields.startsAt), endsAt: new Date(fields.endsAt) }),
  initialState: 'planned',
  states: meetingStates,
  listColumns: [{ key: 'meetingType', label: '会议类型' }, { key: 'subject', label: '会议名称' }, { key: 'startsAt', label: '时间' }],
  detail: [
    { key: 'meetingType', label: '会议类型' },
    { key: 'subject', label: '会议名称' },
    { key: 'roomId', label: '会议室' },
    { key: 'location', label: '地点' },
    { key: 'startsAt', label: '开始时间' },
    { key: 'endsAt', label: '结束时间' },
    { key: 'chairName', label: '主持人' },
    { key: 'leaderIds', label: '出席领导' },
    { key: 'attendingUnitIds', label: '参会单位' },
    { key: 'submissionDeadline', label: '议题报送截止时间' },
    { key: 'note', label: '备注' },
  ],
  read: 'meeting.read',
  write: 'meeting.manage',
  isUnitScoped: false,
  writes: 'module',
});

export const AgendaItemFields = z.object({
  meetingId: z.string().uuid(),
  subject: safeLine().min(1, '请填写议题名称').max(200),
  summary: safeText().max(5000).default(''),
  materials: z.array(z.string()).default([]),
  needsLegalReview: z.boolean(),
  submittedAt: z.string(),
  review: z
    .object({ result: z.enum(Object.keys(legalReviewResults) as ['passed', 'revise', 'failed']), opinion: z.string(), opinionCount: z.number().int(), reviewerName: z.string(), at: z.string() })
    .optional(),
  position: z.number().int().optional(),
});
export type AgendaItemFields = z.infer<typeof AgendaItemFields>;

export const agendaItemRecord = defineRecordType({
  type: 'agenda_item',
  label: '议题',
  fields: AgendaItemFields,
  title: (fields) => fields.subject,
  initialState: 'submitted',
  states: agendaStates,
  listColumns: [{ key: 'subject', label: '议题' }, { key: 'needsLegalReview', label: '需合法性审查' }],
  detail: [
    { key: 'subject', label: '议题名称' },
    { key: 'summary', label: '内容摘要' },
    { key: 'materials', label: '材料' },
    { key: 'needsLegalReview', label: '需合法性审查' },
    { key: 'review', label: '合法性审查' },
  ],
  read: 'meeting.read',
  write: 'agenda.submit',
  isUnitScoped: true,
  writes: 'module',
});

export const disciplineNoticeRecord = defineRecordType({
  type: 'discipline_notice',
  label: '会风会纪通报',
  fields: z.object({
    issuedOn: isoDate(),
    subject: safeLine().min(1, '请填写通报标题').max(200),
    content: safeText().min(1, '请填写通报内容').max(5000),
    meetingId: z.string().uuid('会议编号格式不正确').optional(),
    unitIds: z.array(z.string().uuid('被通报单位格式不正确')).max(50).default([]),
  }),
  title: (fields) => fields.subject,
  initialState: 'issued',
  listColumns: [{ key: 'issuedOn', label: '通报日期' }, { key: 'subject', label: '标题' }],
  detail: [{ key: 'issuedOn', label: '通报日期' }, { key: 'subject', label: '标题' }, { key: 'content', label: '内容' }, { key: 'unitIds', label: '被通报单位' }],
  read: 'meeting.read',
  write: 'meeting.manage',
  isUnitScoped: false,
  writes: 'generic',
});

export const meetingRecordTypes = [meetingTypeRecord, meetingRoomRecord, meetingRecord, agendaItemRecord, disciplineNoticeRecord];
