/** 待办 (what waits on me or my unit, or on those I stand in for), 待阅 and 催办 notifications, with counts. */
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { InboxCounts, InboxItem, NotificationTarget, NotificationView } from '../../../../common/schemas/cases.js';
import { caseEvents, cases, notifications, records, units, workItems } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { identitiesOf, type Identity } from '../cases/access.js';
import { getKind, stateLabel } from '../kinds/registry.js';

/**
 * Who the work items of these identities are addressed to: each person, and the unit of each 联络员 — each once (two
 * identities of one unit would list its work twice in the page's walks).
 */
const addresseesOf = (identities: readonly Identity[]) => ({
  userIds: [...new Set(identities.map((identity) => identity.userId))],
  unitIds: [...new Set(identities.filter((identity) => identity.roles.includes('liaison')).map((identity) => identity.unitId))],
});

/** The inbox's order: soonest due first (the case's date, copied onto its work items), then the newest. */
const inboxOrder = () => [sql`${workItems.dueDate} asc nulls last`, desc(workItems.since), workItems.id];

/**
 * The ids of a page of 待办: for each addressee, an ordered walk of its index (work_items_user_due_idx,
 * work_items_unit_due_idx: addressee, due date, since desc, id) stopped after offset + limit rows, the walks merged in
 * the same order. One walk per addressee, not `user_id in (…) or unit_id in (…)`: across two columns or several
 * values no index is in the page's order, and the planner read and sorted every item (a busy unit's thousands).
 * Each work item has one addressee (work_items_one_addressee), so no row comes twice.
 */
const inboxPageIds = ({ userIds, unitIds }: ReturnType<typeof addresseesOf>, limit: number, offset: number) => {
  const walks = [...userIds.map((id) => sql`${workItems.userId} = ${id}`), ...unitIds.map((id) => sql`${workItems.unitId} = ${id}`)].map(
    (addressedTo) =>
      sql`(select ${workItems.id} as id, ${workItems.dueDate} as due_date, ${workItems.since} as since from ${workItems} where ${addressedTo}
        order by ${sql.join(inboxOrder(), sql`, `)} limit ${limit + offset})`,
  );
  return sql`select w.id from (${sql.join(walks, sql` union all `)}) w order by w.due_date asc nulls last, w.since desc, w.id limit ${limit} offset ${offset}`;
};

/**
 * 待办, soonest due first. The page is chosen on the work items alone (inboxPageIds), then only its rows are read
 * whole by primary key, with their cases, who put each there and the unit's name (one statement).
 */
export const listInbox = async ({ db, actor, now, limit = 500, offset = 0 }: { db: Db; actor: Actor; now: Date; limit?: number; offset?: number }): Promise<InboxItem[]> => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const page = inboxPageIds(addresseesOf(identities), limit, offset);
  // Who put it on this desk: the author of the case's last step up to when the item started waiting (name and id
  // from one walk of the case's trail, not one each).
  const sender = db
    .select({ fromName: caseEvents.actorName, fromId: caseEvents.actorId })
    .from(caseEvents)
    .where(and(eq(caseEvents.caseId, workItems.caseId), sql`${caseEvents.at} <= ${workItems.since}`))
    .orderBy(desc(caseEvents.seq))
    .limit(1)
    .as('sender');
  const rows = await db
    .select({
      item: { unitId: workItems.unitId, userId: workItems.userId, label: workItems.label, since: workItems.since },
      case: { id: cases.id, kind: cases.kind, serialNo: cases.serialNo, title: cases.title, state: cases.state, dueDate: cases.dueDate, dueStatus: cases.dueStatus },
      fromName: sender.fromName,
      fromId: sender.fromId,
      unitName: sql<string | null>`coalesce(${units.shortName}, ${units.name})`,
    })
    .from(workItems)
    .innerJoin(cases, eq(cases.id, workItems.caseId))
    .leftJoinLateral(sender, sql`true`)
    .leftJoin(units, eq(units.id, workItems.unitId))
    .where(sql`${workItems.id} in (${page})`)
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
  // A count per addressee column, each an index-only scan of its partial index, summed: no item has both
  // (work_items_one_addressee). `user_id in (…) or unit_id in (…)` read every counted row from the table.
  const { userIds, unitIds } = addresseesOf(identities);
  const countOf = (column: typeof workItems.userId | typeof workItems.unitId, ids: readonly string[]) =>
    ids.length === 0 ? sql`0` : sql`(select count(*) from ${workItems} where ${inArray(column, ids)})`;
  const [todo] = rowsOf<{ n: string | number }>(await db.execute(sql`select ${countOf(workItems.userId, userIds)} + ${countOf(workItems.unitId, unitIds)} as n`));
  const unread = await db
    .select({ type: notifications.type, n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
    .groupBy(notifications.type);
  const of = (type: string) => Number(unread.find((row) => row.type === type)?.n ?? 0);
  return { todo: Number(todo?.n ?? 0), toread: of('toread'), remind: of('remind') };
};

/**
 * 待阅 and 催办, newest first, each with what its 查看 opens: its case (the kind joined, for the case page's path) or
 * its record (a 会议通知's meeting). Notices of a meeting written before they carried it were given it by 0042.
 */
export const listNotifications = async ({ db, actor, type }: { db: Db; actor: Actor; type?: 'toread' | 'remind' | undefined }): Promise<NotificationView[]> => {
  const rows = await db
    .select({ row: notifications, caseKind: cases.kind, recordType: records.type })
    .from(notifications)
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .leftJoin(records, eq(records.id, notifications.recordId))
    .where(and(eq(notifications.userId, actor.userId), type ? eq(notifications.type, type) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(200);
  return rows.map(({ row, caseKind, recordType }) => ({
    id: row.id,
    type: row.type,
    caseId: row.caseId,
    target: targetOf(row, caseKind, recordType),
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  }));
};

const targetOf = (row: { caseId: string | null; recordId: string | null }, caseKind: string | null, recordType: string | null): NotificationTarget | null => {
  if (row.caseId && caseKind) return { type: 'case', id: row.caseId, kind: caseKind };
  if (row.recordId && recordType) return { type: 'record', id: row.recordId, recordType };
  return null;
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
