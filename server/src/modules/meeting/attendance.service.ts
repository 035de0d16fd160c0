/**
 * On the day: sign-in by the meeting's QR code (a phone opens the link; the token proves it was shown the
 * code) or ticked by the clerk, and absences with their reason and substitute. One row per person; signing
 * in again changes nothing.
 */
import { timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import type { AttendanceInput, MeetingDetail } from '../../../../common/schemas/meeting.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { lockRecord, saveRecord } from '../../engine/records/records.store.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { forbidden, invalidState } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { getMeetingDetail, signInToken } from './meeting.service.js';
import { meetingRecord, type MeetingFields } from './meeting.types.js';

type Attendance = MeetingFields['attendance'][number];

const assertOnTheDay = (fields: MeetingFields, state: string, now: Date): void => {
  if (!['noticed', 'held'].includes(state)) throw invalidState('会议通知发出后才能签到');
  if (todayInShanghai(new Date(fields.startsAt)) !== todayInShanghai(now)) throw invalidState('只能在会议当天签到');
};

export const signInByCode = async ({ db, actor, id, token, now }: { db: Db; actor: Actor; id: string; token: string; now: Date }): Promise<{ name: string; at: string; isNew: boolean }> => {
  requirePermission(actor, 'meeting.read');
  const expected = Buffer.from(signInToken(id));
  if (token.length !== expected.length || !timingSafeEqual(Buffer.from(token), expected)) throw forbidden('签到码无效，请重新扫描会场二维码');
  return db.transaction(async (tx) => {
    const row = await lockRecord(tx, 'meeting', id, '会议');
    const fields = row.fields as MeetingFields;
    assertOnTheDay(fields, row.state, now);
    const existing = fields.attendance.find((entry) => entry.userId === actor.userId && entry.status === 'present');
    if (existing) return { name: existing.name, at: existing.at, isNew: false };
    const entry: Attendance = { name: actor.displayName, unitId: actor.unitId, status: 'present', via: 'qr', at: now.toISOString(), userId: actor.userId };
    await saveRecord(tx, { recordType: meetingRecord, record: row, version: row.version, fields: { ...fields, attendance: [...fields.attendance, entry] }, action: 'sign_in', comment: `扫码签到：${actor.displayName}`, actor, now });
    return { name: entry.name, at: entry.at, isNew: true };
  });
};

/** The clerk ticks someone present, or records an absence (reason, 代会 substitute); a later entry for the same name replaces it. */
export const recordAttendance = async ({ db, actor, id, input, now }: { db: Db; actor: Actor; id: string; input: z.infer<typeof AttendanceInput>; now: Date }): Promise<MeetingDetail> => {
  requirePermission(actor, 'meeting.manage');
  await db.transaction(async (tx) => {
    const row = await lockRecord(tx, 'meeting', id, '会议');
    const fields = row.fields as MeetingFields;
    assertOnTheDay(fields, row.state, now);
    const entry: Attendance = {
      name: input.name,
      unitId: input.unitId ?? null,
      status: input.status,
      via: 'clerk',
      ...(input.reason ? { reason: input.reason } : {}),
      ...(input.substitute ? { substitute: input.substitute } : {}),
      at: now.toISOString(),
      userId: null,
    };
    const attendance = [...fields.attendance.filter((other) => !(other.name === input.name && other.unitId === entry.unitId)), entry];
    const comment = input.status === 'present' ? `签到：${input.name}` : `缺席：${input.name}${input.reason ? `（${input.reason}）` : ''}${input.substitute ? `，由${input.substitute}代会` : ''}`;
    await saveRecord(tx, { recordType: meetingRecord, record: row, version: row.version, fields: { ...fields, attendance }, action: input.status === 'present' ? 'sign_in' : 'absence', comment, actor, now });
  });
  return getMeetingDetail({ db, actor, id, now });
};
