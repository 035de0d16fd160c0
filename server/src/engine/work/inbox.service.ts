/** 待办 (what waits on me or my unit, or on those I stand in for), 待阅 and 催办 notifications, with counts. */
import { and, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { InboxCounts, InboxItem, NotificationView } from '../../../../common/schemas/cases.js';
import { caseEvents, cases, notifications, units, workItems } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { identitiesOf, type Identity } from '../cases/access.js';
import { getKind, stateLabel } from '../kinds/registry.js';

/** Work items addressed to any identity: to the person, or to the unit of a 联络员. */
const addressedTo = (identities: readonly Identity[]) => {
  const userIds = identities.map((identity) => identity.userId);
  const unitIds = identities.filter((identity) => identity.roles.includes('liaison')).map((identity) => identity.unitId);
  return unitIds.length > 0 ? or(inArray(workItems.userId, userIds), inArray(workItems.unitId, unitIds))! : inArray(workItems.userId, userIds);
};

/** The inbox's order: soonest due first, then the newest. */
const inboxOrder = () => [sql`${cases.dueDate} asc nulls last`, desc(workItems.since), workItems.id];

/**
 * 待办, soonest due first. The page is chosen on the work items and their cases' due dates alone, then only its
 * rows are read whole by primary key, with who put each there and the unit's name (one statement).
 */
export const listInbox = async ({ db, actor, now, limit = 500, offset = 0 }: { db: Db; actor: Actor; now: Date; limit?: number; offset?: number }): Promise<InboxItem[]> => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const page = db
    .select({ id: workItems.id })
    .from(workItems)
    .innerJoin(cases, eq(cases.id, workItems.caseId))
    .where(addressedTo(identities))
    .orderBy(...inboxOrder())
    .limit(limit)
    .offset(offset);
  const rows = await db
    .select({
      item: { unitId: workItems.unitId, userId: workItems.userId, label: workItems.label, since: workItems.since },
      case: { id: cases.id, kind: cases.kind, serialNo: cases.serialNo, title: cases.title, state: cases.state, dueDate: cases.dueDate, dueStatus: cases.dueStatus },
      // Who put it on this desk: the author of the case's last step up to when the item started waiting.
      fromName: sql<string | null>`(select ${caseEvents.actorName} from ${caseEvents} where ${caseEvents.caseId} = ${cases.id} and ${caseEvents.at} <= ${workItems.since} order by ${caseEvents.seq} desc limit 1)`,
      fromId: sql<string | null>`(select ${caseEvents.actorId} from ${caseEvents} where ${caseEvents.caseId} = ${cases.id} and ${caseEvents.at} <= ${workItems.since} order by ${caseEvents.seq} desc limit 1)`,
      unitName: sql<string | null>`(select coalesce(${units.shortName}, ${units.name}) from ${units} where ${units.id} = ${workItems.unitId})`,
    })
    .from(workItems)
    .innerJoin(cases, eq(cases.id, workItems.caseId))
    .where(inArray(workItems.id, page))
    .orderBy(...inboxOrder());
  return rows.map(({ item, case: row, fromName, fromId, unitName }) => {
    const kind = getKind(row.kind);
    const owner = identities.find((identity) => identity.userId === item.userId || (item.unitId && identity.unitId === item.unitId));
    return {
      caseId: row.id,
      serialNo: row.serialNo,
      title: row.title,
      kindLabel: kind.label,
      stateLabel: stateLabel(kind, row.state),
      label: item.label,
      fromName,
      isFromMe: fromId === actor.userId,
      unitName: item.unitId ? unitName : null,
      onBehalfOfName: owner && !owner.isSelf ? owner.displayName : null,
      dueDate: row.dueDate,
      dueStatus: row.dueStatus,
      since: item.since.toISOString(),
    };
  });
};

export const inboxCounts = async ({ db, actor, now }: { db: Db; actor: Actor; now: Date }): Promise<InboxCounts> => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const [todo] = await db.select({ n: count() }).from(workItems).where(addressedTo(identities));
  const unread = await db
    .select({ type: notifications.type, n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
    .groupBy(notifications.type);
  const of = (type: string) => Number(unread.find((row) => row.type === type)?.n ?? 0);
  return { todo: Number(todo?.n ?? 0), toread: of('toread'), remind: of('remind') };
};

export const listNotifications = async ({ db, actor, type }: { db: Db; actor: Actor; type?: 'toread' | 'remind' | undefined }): Promise<NotificationView[]> => {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), type ? eq(notifications.type, type) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(200);
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    caseId: row.caseId,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  }));
};

export const markNotificationRead = async ({ db, actor, notificationId, now }: { db: Db; actor: Actor; notificationId: string; now: Date }) => {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.id, notificationId), eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (rows.length === 0) {
    const [existing] = await db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.id, notificationId), eq(notifications.userId, actor.userId)));
    if (!existing) throw notFound('通知');
  }
};

/** 全部标为已读: every unread notification of the user (of one type, when given); how many were marked. */
export const markAllNotificationsRead = async ({ db, actor, type, now }: { db: Db; actor: Actor; type?: 'toread' | 'remind' | undefined; now: Date }): Promise<{ marked: number }> => {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt), type ? eq(notifications.type, type) : undefined))
    .returning({ id: notifications.id });
  return { marked: rows.length };
};
