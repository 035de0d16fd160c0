/**
 * Use cases of a meeting: arrange it (the room booked without double booking), change its schedule, send
 * the 会议通知, take each attending unit's 回执, mark it held or cancel it, and read it whole. Each change is
 * one transaction with its trail event and audit row; the meeting's row lock serialises concurrent changes.
 */
import { and, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { MeetingDetail, MeetingSchedule, MeetingState, ReceiptInput } from '../../../../common/schemas/meeting.js';
import { notifications, records, userRoles, users } from '../../db/schema/index.js';
import { liaisonsOf, unitNames } from '../../engine/cases/cases.repository.js';
import { lockRecord, insertRecord, saveRecord, type RecordRow } from '../../engine/records/records.store.js';
import { findRecords, findVisibleRecord, getRecord } from '../../engine/records/records.service.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { conflict, forbidden, invalidState, validationError } from '../../platform/errors.js';
import { can, requirePermission } from '../../platform/scope.js';
import { trailMac } from '../../platform/seal.js';
import { nextMeetingState, type MeetingAction } from './meeting.flow.js';
import { agendaItemRecord, meetingRecord, meetingRoomRecord, type MeetingFields } from './meeting.types.js';

const shanghaiTime = (iso: string): string =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

/** The room's row lock makes two bookings of one room take turns; the second then sees the first and is refused. */
const assertRoomFree = async (tx: Db, schedule: MeetingSchedule, exceptId?: string): Promise<void> => {
  if (!schedule.roomId) return;
  await lockRecord(tx, 'meeting_room', schedule.roomId, '会议室');
  const [clash] = await tx
    .select({ title: records.title, startsAt: records.startsAt, endsAt: records.endsAt })
    .from(records)
    .where(
      and(
        eq(records.type, 'meeting'),
        ne(records.state, 'cancelled'),
        sql`${records.fields}->>'roomId' = ${schedule.roomId}`,
        lt(records.startsAt, new Date(schedule.endsAt)),
        gt(records.endsAt, new Date(schedule.startsAt)),
        exceptId ? ne(records.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw conflict(`该会议室在此时段已被预订：${clash.title}（${shanghaiTime(clash.startsAt!.toISOString())}–${shanghaiTime(clash.endsAt!.toISOString())}）`);
};

/** The type must be one of the active 会议类型 in 会议设置. */
const assertMeetingType = async (tx: Db, name: string): Promise<void> => {
  const [found] = await tx
    .select({ id: records.id })
    .from(records)
    .where(and(eq(records.type, 'meeting_type'), sql`${records.fields}->>'name' = ${name}`, sql`(${records.fields}->>'isActive')::boolean`))
    .limit(1);
  if (!found) throw validationError(`输入有误：会议类型 「${name}」不在会议设置的类型中`);
};

export const createMeeting = async ({ db, actor, schedule, now }: { db: Db; actor: Actor; schedule: MeetingSchedule; now: Date }): Promise<MeetingDetail> => {
  requirePermission(actor, 'meeting.manage');
  const row = await db.transaction(async (tx) => {
    await assertMeetingType(tx, schedule.meetingType);
    await assertRoomFree(tx, schedule);
    return insertRecord(tx, { recordType: meetingRecord, fields: schedule, unitId: null, actor, now, comment: '安排会议' });
  });
  return getMeetingDetail({ db, actor, id: row.id, now });
};

/** Loads and locks the meeting; a stale version is a 409. */
const lockMeeting = async (tx: Db, id: string, version?: number): Promise<RecordRow & { fields: MeetingFields }> => {
  const row = await lockRecord(tx, 'meeting', id, '会议');
  if (version !== undefined && row.version !== version) throw conflict();
  return row as RecordRow & { fields: MeetingFields };
};

const stateAfter = (row: RecordRow, action: MeetingAction): MeetingState => {
  const next = nextMeetingState(row.state as MeetingState, action);
  if ('refused' in next) throw invalidState(next.refused);
  return next.to;
};

export const rescheduleMeeting = async ({ db, actor, id, schedule, version, now }: { db: Db; actor: Actor; id: string; schedule: MeetingSchedule; version: number; now: Date }): Promise<MeetingDetail> => {
  requirePermission(actor, 'meeting.manage');
  await db.transaction(async (tx) => {
    const row = await lockMeeting(tx, id, version);
    stateAfter(row, 'reschedule');
    if (schedule.meetingType !== row.fields.meetingType) await assertMeetingType(tx, schedule.meetingType);
    await assertRoomFree(tx, schedule, id);
    await saveRecord(tx, { recordType: meetingRecord, record: row, version, fields: { ...row.fields, ...schedule }, action: 'reschedule', comment: '调整会议安排', actor, now });
  });
  return getMeetingDetail({ db, actor, id, now });
};

/** 会议通知: an in-app notice to each attending unit's 联络员 and to the leaders attending, which opens the meeting. */
export const sendMeetingNotice = async ({ db, actor, id, version, now }: { db: Db; actor: Actor; id: string; version: number; now: Date }): Promise<MeetingDetail> => {
  requirePermission(actor, 'meeting.manage');
  await db.transaction(async (tx) => {
    const row = await lockMeeting(tx, id, version);
    const to = stateAfter(row, 'notice');
    const fields = row.fields;
    if (fields.attendingUnitIds.length === 0 && fields.leaderIds.length === 0) throw validationError('请先选择参会单位或出席领导');
    const recipients = new Set<string>(fields.leaderIds);
    for (const unitId of fields.attendingUnitIds) for (const userId of await liaisonsOf(tx, unitId)) recipients.add(userId);
    const body = `${shanghaiTime(fields.startsAt)} 召开${fields.meetingType}：${fields.subject}。请参会单位在系统中填写回执，注明参会人员。`;
    if (recipients.size > 0) {
      await tx.insert(notifications).values([...recipients].map((userId) => ({ userId, type: 'toread' as const, recordId: id, title: `会议通知：${fields.subject}`, body, createdAt: now })));
    }
    const notice = { sentAt: now.toISOString(), byName: actor.displayName, recipients: recipients.size };
    await saveRecord(tx, { recordType: meetingRecord, record: row, version, state: to, fields: { ...fields, notice }, action: 'notice', comment: `发送会议通知（${recipients.size} 人）`, actor, now });
  });
  return getMeetingDetail({ db, actor, id, now });
};

export const holdOrCancelMeeting = async ({ db, actor, id, action, version, reason, now }: { db: Db; actor: Actor; id: string; action: 'hold' | 'cancel'; version: number; reason?: string; now: Date }): Promise<MeetingDetail> => {
  requirePermission(actor, 'meeting.manage');
  await db.transaction(async (tx) => {
    const row = await lockMeeting(tx, id, version);
    const to = stateAfter(row, action);
    if (action === 'cancel' && !reason) throw validationError('输入有误：取消原因 请填写');
    const fields = action === 'cancel' ? { ...row.fields, cancelReason: reason } : row.fields;
    await saveRecord(tx, { recordType: meetingRecord, record: row, version, state: to, fields, action, comment: action === 'hold' ? '会议已召开' : `取消会议：${reason}`, actor, now });
  });
  return getMeetingDetail({ db, actor, id, now });
};

/** 回执: an attending unit names who comes; sent again, it replaces the unit's earlier one. */
export const submitReceipt = async ({ db, actor, id, input, now }: { db: Db; actor: Actor; id: string; input: z.infer<typeof ReceiptInput>; now: Date }): Promise<MeetingDetail> => {
  requirePermission(actor, 'meeting.read');
  await db.transaction(async (tx) => {
    const row = await lockMeeting(tx, id);
    if (!row.fields.attendingUnitIds.includes(actor.unitId)) throw forbidden('只有参会单位可以填写回执');
    if (row.state !== 'noticed') throw invalidState('会议通知发出后、会议召开前才能填写回执');
    const receipts = { ...row.fields.receipts, [actor.unitId]: { attendees: input.attendees, ...(input.note ? { note: input.note } : {}), at: now.toISOString(), byName: actor.displayName } };
    await saveRecord(tx, { recordType: meetingRecord, record: row, version: row.version, fields: { ...row.fields, receipts }, action: 'receipt', comment: `回执：${input.attendees.join('、')}`, details: { unitId: actor.unitId }, actor, now });
  });
  return getMeetingDetail({ db, actor, id, now });
};

/** The token a meeting's sign-in QR code carries: only someone shown the code can sign in by it. */
export const signInToken = (meetingId: string): string => trailMac(`meeting_sign_in\n${meetingId}`);

export const getMeetingDetail = async ({ db, actor, id, now }: { db: Db; actor: Actor; id: string; now: Date }): Promise<MeetingDetail> => {
  requirePermission(actor, 'meeting.read');
  const meeting = await getRecord({ db, actor, type: 'meeting', id, now });
  const fields = meeting.fields as MeetingFields;
  const items = await findRecords(db, actor, agendaItemRecord, sql`${records.fields}->>'meetingId' = ${id}`);
  const order = new Map(fields.agenda.map((itemId, index) => [itemId, index]));
  items.sort((a, b) => (order.get(a.id) ?? 999) - (order.get(b.id) ?? 999) || a.createdAt.localeCompare(b.createdAt));
  const unitIds = new Set([...fields.attendingUnitIds, ...items.flatMap((item) => (item.unitId ? [item.unitId] : []))]);
  const names = await unitNames(db, [...unitIds]);
  const leaderRows = fields.leaderIds.length ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, fields.leaderIds)) : [];
  const room = fields.roomId ? await findVisibleRecord(db, actor, meetingRoomRecord, fields.roomId).catch(() => undefined) : undefined;
  const isManager = can(actor, 'meeting.manage');
  return {
    meeting: { ...meeting, canChange: isManager },
    items,
    units: fields.attendingUnitIds.map((unitId) => ({ id: unitId, name: names.get(unitId) ?? '' })),
    leaders: leaderRows,
    roomName: room?.title ?? null,
    signInPath: isManager ? `/meetings/${id}/sign-in?t=${signInToken(id)}` : null,
    can: {
      manage: isManager,
      submit: can(actor, 'agenda.submit') && ['planned', 'noticed'].includes(meeting.state),
      review: can(actor, 'agenda.review'),
      setAgenda: can(actor, 'agenda.set') && ['planned', 'noticed'].includes(meeting.state),
      receipt: meeting.state === 'noticed' && fields.attendingUnitIds.includes(actor.unitId),
    },
  };
};

/** The leaders who may attend meetings, for the leaders' week and the meeting form. */
export const listLeaders = async (db: Db): Promise<Array<{ id: string; name: string }>> =>
  db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'leader')))
    .where(eq(users.isActive, true))
    .orderBy(users.displayName);
