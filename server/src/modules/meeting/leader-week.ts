/** 领导日程: the week's meetings (Monday to Sunday, Shanghai) and the leaders attending each, for a week calendar. */
import { and, eq, gte, lt, ne } from 'drizzle-orm';
import type { LeaderWeekView } from '../../../../common/schemas/meeting.js';
import { records } from '../../db/schema/index.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { requirePermission } from '../../platform/scope.js';
import { listLeaders } from './meeting.service.js';
import type { MeetingFields } from './meeting.types.js';

/** The Monday of the week holding `day` (YYYY-MM-DD), and the Monday after. */
export const weekOf = (day: string): { from: string; to: string } => {
  const date = new Date(`${day}T00:00:00Z`);
  const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000);
  const next = new Date(monday.getTime() + 7 * 86_400_000);
  return { from: monday.toISOString().slice(0, 10), to: next.toISOString().slice(0, 10) };
};

export const getLeaderWeek = async ({ db, actor, week, now }: { db: Db; actor: Actor; week?: string; now: Date }): Promise<LeaderWeekView> => {
  requirePermission(actor, 'meeting.read');
  const { from, to } = weekOf(week ?? todayInShanghai(now));
  const rows = await db
    .select()
    .from(records)
    .where(and(eq(records.type, 'meeting'), ne(records.state, 'cancelled'), gte(records.startsAt, new Date(`${from}T00:00:00+08:00`)), lt(records.startsAt, new Date(`${to}T00:00:00+08:00`))))
    .orderBy(records.startsAt);
  const rooms = new Map((await db.select({ id: records.id, title: records.title }).from(records).where(eq(records.type, 'meeting_room'))).map((room) => [room.id, room.title]));
  return {
    from,
    to,
    leaders: await listLeaders(db),
    meetings: rows.map((row) => {
      const fields = row.fields as MeetingFields;
      return {
        id: row.id,
        title: row.title,
        meetingType: fields.meetingType,
        startsAt: row.startsAt!.toISOString(),
        endsAt: row.endsAt!.toISOString(),
        place: (fields.roomId ? rooms.get(fields.roomId) : undefined) ?? fields.location ?? '',
        leaderIds: fields.leaderIds,
        state: row.state,
      };
    }),
  };
};
