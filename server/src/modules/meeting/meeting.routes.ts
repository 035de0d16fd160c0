/** Routes: /api/meetings — arranging meetings, 议题, agenda, notice, 回执, sign-in and the leaders' week. Thin: schema → guard → one use case. */
import type { FastifyInstance } from 'fastify';
import { and, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  AttendanceInput,
  LeaderWeekQuery,
  MeetingActionInput,
  MeetingDetail,
  LeaderWeekView,
  MeetingSchedule,
  ReceiptInput,
  RescheduleMeetingInput,
  ReviewAgendaItemInput,
  SetAgendaInput,
  SignInInput,
  SubmitAgendaItemInput,
} from '../../../../common/schemas/meeting.js';
import { RecordDetailView, RecordView } from '../../../../common/schemas/records.js';
import { records } from '../../db/schema/index.js';
import { findRecords } from '../../engine/records/records.service.js';
import { requireActor, typed } from '../../platform/http.js';
import { reviewAgendaItem, setAgenda, submitAgendaItem } from './agenda.service.js';
import { recordAttendance, signInByCode } from './attendance.service.js';
import { getLeaderWeek } from './leader-week.js';
import { createMeeting, getMeetingDetail, holdOrCancelMeeting, listLeaders, rescheduleMeeting, sendMeetingNotice, submitReceipt } from './meeting.service.js';
import { meetingRecord } from './meeting.types.js';
import { renderMeetingNotice } from './meeting-notice.docx.js';
import { findOrganName } from '../disclosure/published.repository.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';

const IdParams = z.object({ id: z.string().uuid('编号格式不正确') });
const ListQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), type: z.string().max(40).optional() });

export const meetingRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const tags = ['办会'];

  api.get('/api/meetings', {
    config: { access: 'meeting.read' },
    schema: { tags, summary: '会议列表（按年度、类型）', querystring: ListQuery, response: { 200: z.array(RecordView) } },
    handler: (request) => {
      const actor = requireActor(request);
      const { year, type } = request.query;
      const where = and(
        year ? and(gte(records.startsAt, new Date(`${year}-01-01T00:00:00+08:00`)), lt(records.startsAt, new Date(`${year + 1}-01-01T00:00:00+08:00`))) : undefined,
        type ? sql`${records.fields}->>'meetingType' = ${type}` : undefined,
      );
      return findRecords(db, actor, meetingRecord, where);
    },
  });
  api.get('/api/meetings/leaders', {
    config: { access: 'meeting.read' },
    schema: { tags, summary: '可出席会议的领导', response: { 200: z.array(z.object({ id: z.string(), name: z.string() })) } },
    handler: () => listLeaders(db),
  });
  api.get('/api/meetings/leader-week', {
    config: { access: 'meeting.read' },
    schema: { tags, summary: '领导日程：一周的会议（周一至周日）', querystring: LeaderWeekQuery, response: { 200: LeaderWeekView } },
    handler: (request) => getLeaderWeek({ db, actor: requireActor(request), week: request.query.week, now: clock() }),
  });
  api.post('/api/meetings', {
    config: { access: 'meeting.manage' },
    schema: { tags, summary: '安排会议（预订会议室；时段冲突 409）', body: MeetingSchedule, response: { 201: MeetingDetail } },
    handler: async (request, reply) => reply.status(201).send(await createMeeting({ db, actor: requireActor(request), schedule: request.body, now: clock() })),
  });
  api.get('/api/meetings/:id', {
    config: { access: 'meeting.read' },
    schema: { tags, summary: '会议：安排、议题、回执、签到、留痕', params: IdParams, response: { 200: MeetingDetail } },
    handler: (request) => getMeetingDetail({ db, actor: requireActor(request), id: request.params.id, now: clock() }),
  });
  api.get('/api/meetings/:id/notice.docx', {
    config: { access: 'meeting.read' },
    schema: { tags, summary: '会议通知（信函格式 Word）', params: IdParams },
    handler: async (request, reply) => {
      const detail = await getMeetingDetail({ db, actor: requireActor(request), id: request.params.id, now: clock() });
      const file = await renderMeetingNotice(detail, (await findOrganName(db, undefined)) ?? '人民政府办公室', todayInShanghai(clock()));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="meeting-notice.docx"; filename*=UTF-8''${encodeURIComponent(`会议通知-${detail.meeting.title}.docx`)}`)
        .header('cache-control', 'private, no-store')
        .send(file);
    },
  });
  api.put('/api/meetings/:id/schedule', {
    config: { access: 'meeting.manage' },
    schema: { tags, summary: '调整会议安排（带版本号）', params: IdParams, body: RescheduleMeetingInput, response: { 200: MeetingDetail } },
    handler: (request) =>
      rescheduleMeeting({ db, actor: requireActor(request), id: request.params.id, schedule: request.body.schedule, version: request.body.version, now: clock() }),
  });
  api.post('/api/meetings/:id/notice', {
    config: { access: 'meeting.manage' },
    schema: { tags, summary: '发送会议通知（参会单位联络员和出席领导）', params: IdParams, body: MeetingActionInput, response: { 200: MeetingDetail } },
    handler: (request) => sendMeetingNotice({ db, actor: requireActor(request), id: request.params.id, version: request.body.version, now: clock() }),
  });
  for (const action of ['hold', 'cancel'] as const) {
    api.post(`/api/meetings/:id/${action}`, {
      config: { access: 'meeting.manage' },
      schema: { tags, summary: action === 'hold' ? '确认会议已召开' : '取消会议（须填原因）', params: IdParams, body: MeetingActionInput, response: { 200: MeetingDetail } },
      handler: (request) =>
        holdOrCancelMeeting({ db, actor: requireActor(request), id: request.params.id, action, version: request.body.version, reason: request.body.reason, now: clock() }),
    });
  }
  api.post('/api/meetings/:id/receipt', {
    config: { access: 'meeting.read' },
    schema: { tags, summary: '参会单位回执：参会人员', params: IdParams, body: ReceiptInput, response: { 200: MeetingDetail } },
    handler: (request) => submitReceipt({ db, actor: requireActor(request), id: request.params.id, input: request.body, now: clock() }),
  });
  api.post('/api/meetings/:id/agenda-items', {
    config: { access: 'agenda.submit' },
    schema: { tags, summary: '报送议题（截止时间前）', params: IdParams, body: SubmitAgendaItemInput, response: { 201: RecordDetailView } },
    handler: async (request, reply) =>
      reply.status(201).send(await submitAgendaItem({ db, actor: requireActor(request), meetingId: request.params.id, input: request.body, now: clock() })),
  });
  api.post('/api/agenda-items/:id/review', {
    config: { access: 'agenda.review' },
    schema: { tags, summary: '议题合法性审查', params: IdParams, body: ReviewAgendaItemInput, response: { 200: RecordDetailView } },
    handler: (request) => reviewAgendaItem({ db, actor: requireActor(request), id: request.params.id, input: request.body, now: clock() }),
  });
  api.put('/api/meetings/:id/agenda', {
    config: { access: 'agenda.set' },
    schema: { tags, summary: '确定议程（未经合法性审查的议题不得列入）', params: IdParams, body: SetAgendaInput, response: { 200: MeetingDetail } },
    handler: async (request) => {
      const actor = requireActor(request);
      await setAgenda({ db, actor, meetingId: request.params.id, input: request.body, now: clock() });
      return getMeetingDetail({ db, actor, id: request.params.id, now: clock() });
    },
  });
  api.post('/api/meetings/:id/sign-in', {
    config: { access: 'meeting.read' },
    schema: { tags, summary: '扫码签到（二维码中的签到码）', params: IdParams, body: SignInInput, response: { 200: z.object({ name: z.string(), at: z.string(), isNew: z.boolean() }) } },
    handler: (request) => signInByCode({ db, actor: requireActor(request), id: request.params.id, token: request.body.token, now: clock() }),
  });
  api.post('/api/meetings/:id/attendance', {
    config: { access: 'meeting.manage' },
    schema: { tags, summary: '会务人员登记签到或缺席（原因、代会人）', params: IdParams, body: AttendanceInput, response: { 200: MeetingDetail } },
    handler: (request) => recordAttendance({ db, actor: requireActor(request), id: request.params.id, input: request.body, now: clock() }),
  });
};
