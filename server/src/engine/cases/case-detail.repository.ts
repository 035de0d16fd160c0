/**
 * The case page's read after the case itself, in ONE statement (issue 12): its trail, links, the names it
 * prints, 传阅, clocks, 催办 count and whom it waits on now (its 待办). These were eight statements one after another, and the server is CPU-bound
 * per statement (each round trip costs a socket write and drizzle's query building), so the case page paid for
 * them in throughput, not in database time. Each part is a scalar subquery of one SELECT, aggregated to JSON and
 * sent back as one text value; the rows come back in the shapes the drizzle reads had, timestamps included (a
 * timestamptz is sent as its own text, the text the driver would have given drizzle, and made a Date the same way).
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { caseClocks, caseEvents, caseLinks, cases, caseUrges, circulations, units, users, workItems } from '../../db/schema/index.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { caseVisibility, type Identity } from './access.js';
import type { CaseClockRow } from '../clocks/clocks.repository.js';

export type DetailEventRow = Pick<typeof caseEvents.$inferSelect, 'seq' | 'at' | 'actorName' | 'onBehalfOfName' | 'action' | 'fromState' | 'toState' | 'comment' | 'data'>;
export type DetailClockRow = Pick<CaseClockRow, 'id' | 'clockId' | 'assignmentId' | 'state' | 'startedAt' | 'dueAt' | 'stoppedAt' | 'explanation'>;
export type DetailCirculationRow = Pick<typeof circulations.$inferSelect, 'id' | 'recipientUserId' | 'recipientUnitId' | 'purpose' | 'sentAt' | 'readAt' | 'readBy' | 'comment'> & {
  recipientUserName: string | null;
  recipientUnitName: string | null;
  sentByName: string | null;
  readByName: string | null;
  isMine: boolean;
};
/** An open work item of the case (待办) with its addressee's name: a user's display name, a unit's 简称 or name. */
export type DetailHolderRow = { userId: string | null; unitId: string | null; assignmentId: string | null; label: string; name: string | null };

export type CaseDetailParts = {
  events: DetailEventRow[];
  /** The case's links whose other case the reader sees, in the order case_links gives them. */
  links: Array<{ caseId: string; serialNo: string; title: string; type: 'derived_from' | 'child_of' | 'related' }>;
  /** Unit id → the name the page prints (简称, else name), for the units asked for. */
  unitNames: Map<string, string>;
  handlerName: string | null;
  /** The unit of the person who registered the case, by name; null when that person is not found. */
  registrarUnitName: string | null;
  circulations: DetailCirculationRow[];
  clocks: DetailClockRow[];
  urgeCount: number;
  holders: DetailHolderRow[];
};

type Raw = {
  events: Array<Omit<DetailEventRow, 'at'> & { at: string }>;
  links: CaseDetailParts['links'];
  unitNames: Record<string, string>;
  handlerName: string | null;
  registrarUnitName: string | null;
  circulations: Array<Omit<DetailCirculationRow, 'sentAt' | 'readAt'> & { sentAt: string; readAt: string | null }>;
  clocks: DetailClockRow[];
  urgeCount: number;
  holders: DetailHolderRow[];
};

/** A timestamptz as the driver would hand it to drizzle, and drizzle's own conversion of it. */
const asDate = (text: string): Date => new Date(text);
const jsonArray = (select: SQL): SQL => sql`coalesce((${select}), '[]'::json)`;

/**
 * `addressedTo` is the condition (on circulations) of a 传阅 addressed to the reader; `isOffice` readers see every
 * 传阅 of the case, others only theirs. `unitIds` are the units whose names the page prints; `assignmentIds` are all
 * the case's assignments (the clocks of the case are its own and theirs).
 */
export const readCaseDetailParts = async (
  db: Db,
  {
    caseId,
    handlerId,
    createdBy,
    unitIds,
    assignmentIds,
    identities,
    addressedTo,
    isOffice,
  }: {
    caseId: string;
    handlerId: string | null;
    createdBy: string;
    unitIds: readonly string[];
    assignmentIds: readonly string[];
    identities: readonly Identity[];
    addressedTo: SQL;
    isOffice: boolean;
  },
): Promise<CaseDetailParts> => {
  const events = jsonArray(sql`select json_agg(json_build_object(
      'seq', e.seq, 'at', e.at::text, 'actorName', e.actor_name, 'onBehalfOfName', e.on_behalf_of_name, 'action', e.action,
      'fromState', e.from_state, 'toState', e.to_state, 'comment', e.comment, 'data', e.data) order by e.seq)
    from ${caseEvents} e where e.case_id = ${caseId}`);
  // The links in the order the scan of case_links gives them (what the separate read returned), the other case
  // joined under the reader's visibility: caseVisibility names "cases" unaliased, so it is the joined table here.
  const links = jsonArray(sql`select json_agg(json_build_object('caseId', ${cases.id}, 'serialNo', ${cases.serialNo}, 'title', ${cases.title}, 'type', l.type) order by l.n)
    from (select l.*, row_number() over () as n from ${caseLinks} l where l.from_case_id = ${caseId} or l.to_case_id = ${caseId}) l
    join ${cases} on ${cases.id} = case when l.from_case_id = ${caseId} then l.to_case_id else l.from_case_id end
    where ${caseVisibility(identities)}`);
  const names = unitIds.length
    ? sql`coalesce((select json_object_agg(${units.id}, coalesce(${units.shortName}, ${units.name})) from ${units} where ${inArray(units.id, [...unitIds])}), '{}'::json)`
    : sql`'{}'::json`;
  const handlerName = handlerId ? sql`(select ${users.displayName} from ${users} where ${eq(users.id, handlerId)})` : sql`null::text`;
  const registrarUnitName = sql`(select coalesce(u.short_name, u.name) from ${users} p join ${units} u on u.id = p.unit_id where p.id = ${createdBy})`;
  // Unaliased circulations: `addressedTo` names its columns as "circulations"."…". The names are scalar subqueries,
  // not joins: four joins cost more to plan than the few rows cost to look up.
  const nameOf = (id: SQL) => sql`(select p.display_name from ${users} p where p.id = ${id})`;
  const circulationRows = jsonArray(sql`select json_agg(json_build_object(
      'id', ${circulations.id}, 'recipientUserId', ${circulations.recipientUserId}, 'recipientUnitId', ${circulations.recipientUnitId},
      'purpose', ${circulations.purpose}, 'sentAt', ${circulations.sentAt}::text, 'readAt', ${circulations.readAt}::text, 'readBy', ${circulations.readBy},
      'comment', ${circulations.comment}, 'recipientUserName', ${nameOf(sql`${circulations.recipientUserId}`)},
      'recipientUnitName', (select coalesce(u.short_name, u.name) from ${units} u where u.id = ${circulations.recipientUnitId}),
      'sentByName', ${nameOf(sql`${circulations.sentBy}`)}, 'readByName', ${nameOf(sql`${circulations.readBy}`)}, 'isMine', coalesce(${addressedTo}, false))
      order by ${circulations.sentAt}, ${circulations.id})
    from ${circulations}
    where ${and(eq(circulations.caseId, caseId), isOffice ? undefined : addressedTo)}`);
  // The order of loadCaseClocks: the case's own clocks (null assignment) after the assignments', as asc sorts nulls.
  // Found by the two partial indexes (the case's own by case id, the assignments' by assignment id): case_clocks
  // has no index on case_id alone, so `case_id = …` by itself reads the whole table.
  const ofAssignments = assignmentIds.length ? sql` or ${inArray(sql`c.assignment_id`, [...assignmentIds])}` : sql``;
  const clocks = jsonArray(sql`select json_agg(json_build_object(
      'id', c.id, 'clockId', c.clock_id, 'assignmentId', c.assignment_id, 'state', c.state, 'startedAt', c.started_at,
      'dueAt', c.due_at, 'stoppedAt', c.stopped_at, 'explanation', c.explanation) order by c.assignment_id, c.created_at, c.clock_id)
    from ${caseClocks} c where c.case_id = ${caseId} and (c.assignment_id is null${ofAssignments})`);
  const urgeCount = sql`(select count(*)::int from ${caseUrges} u where u.case_id = ${caseId})`;
  // Whom the case waits on (the page's 「等待 … 办理」 line): its work items by work_items_case_idx, oldest first, each
  // addressee's name looked up as the 传阅 names are. Which of them the reader may see is case-detail's to say.
  const holders = jsonArray(sql`select json_agg(json_build_object(
      'userId', w.user_id, 'unitId', w.unit_id, 'assignmentId', w.assignment_id, 'label', w.label,
      'name', coalesce(${nameOf(sql`w.user_id`)}, (select coalesce(u.short_name, u.name) from ${units} u where u.id = w.unit_id)))
      order by w.since, w.id)
    from ${workItems} w where w.case_id = ${caseId}`);
  const [row] = rowsOf<{ parts: string }>(
    await db.execute(sql`select json_build_object(
      'events', ${events}, 'links', ${links}, 'unitNames', ${names}, 'handlerName', ${handlerName}, 'registrarUnitName', ${registrarUnitName},
      'circulations', ${circulationRows}, 'clocks', ${clocks}, 'urgeCount', ${urgeCount}, 'holders', ${holders})::text as parts`),
  );
  const raw = JSON.parse(row!.parts) as Raw;
  return {
    events: raw.events.map((event) => ({ ...event, at: asDate(event.at) })),
    links: raw.links,
    unitNames: new Map(Object.entries(raw.unitNames)),
    handlerName: raw.handlerName,
    registrarUnitName: raw.registrarUnitName,
    circulations: raw.circulations.map((item) => ({ ...item, sentAt: asDate(item.sentAt), readAt: item.readAt === null ? null : asDate(item.readAt) })),
    clocks: raw.clocks,
    urgeCount: raw.urgeCount,
    holders: raw.holders,
  };
};
