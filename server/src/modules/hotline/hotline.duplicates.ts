/**
 * 重复工单 (归并): a ticket from the same caller (the phone's blind index, engine/personal) or about the same
 * address, in the same category, within the last days (setting hotline.duplicateDays, default 7) is linked
 * to the earlier ones and the agent is told, at registration. The center may then 归并 it into one of them:
 * the merged ticket is closed as 已归并 and counted once (hotline.tickets counts it apart). Its caller still gets
 * the answer: when the main ticket is answered and closed (回访 办结, 直接办结) — or at once, if it already was —
 * the answer is carried onto every ticket merged into it (and into those, in turn) as `mergedAnswer`, with a
 * trail event of its own, in the main ticket's transaction: the 回访员 reads it on the merged ticket's page, a
 * 市长信箱 writer on the query page and an Open311 system in status_notes once made public (公开答复).
 * Each caller is a citizen the center calls back: a merged ticket that got its answer waits on its handler's
 * 回访 (a 待办, though the ticket stays 已归并 and closed, counted once) until the 回访员 records it (回访（归并）).
 */
import { and, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import { assignments, caseLinks, cases, units } from '../../db/schema/index.js';
import { claimCaseVersion, replaceWorkItems } from '../../engine/cases/cases.repository.js';
import { appendEvent } from '../../engine/cases/trail.js';
import type { WaitingOn } from '../../engine/kinds/kind.types.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { rowsOf } from '../../platform/db.js';
import { conflict, invalidState, validationError } from '../../platform/errors.js';
import { insertUnnest, type UnnestColumn } from '../../platform/unnest.js';

/** An earlier ticket this one may repeat. */
export type Duplicate = { id: string; serial_no: string; same_caller: boolean };

/**
 * Earlier tickets one ticket may repeat, within `days`: newest first, at most five (for duplicatesJson and
 * duplicatesOfManyJson). The ticket is given as SQL values — literals for one, a row of the batch for many —, and
 * `excluded`, a condition on the candidate `c`, leaves out the tickets of a batch registered after it. Tickets
 * registered at the same instant (a batch) come newest number first, as one by one they would have been found.
 */
const duplicatesQuery = ({ caseId, category, address, since, excluded }: { caseId: SQL; category: SQL; address: SQL; since: string; excluded?: SQL }): SQL => {
  const sameCaller = sql`exists (select 1 from person_index p join person_index q on q.type = 'phone' and q.digest = p.digest
                where p.case_id = ${caseId} and p.type = 'phone' and q.case_id = c.id)`;
  return sql`
      select c.id, c.serial_no, c.created_at, ${sameCaller} as same_caller
      from cases c
      where c.kind = 'ticket' and c.id <> ${caseId} and c.state <> 'merged' and c.created_at >= ${since}::timestamptz
        ${excluded ? sql`and not (${excluded})` : sql``}
        and c.fields->>'category' = ${category}
        and (${sameCaller} or (${address} <> '' and c.fields->>'address' = ${address}))
      order by c.created_at desc, c.serial_no desc limit 5`;
};

const sinceOf = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
const categoryOf = (fields: Record<string, unknown>) => String(fields.category ?? '');
const addressOf = (fields: Record<string, unknown>) => (typeof fields.address === 'string' ? fields.address.trim() : '');

/** Earlier tickets this one may repeat, as one JSON value (Duplicate[], newest first): a scalar subquery, for a registration that reads them with its other checks. */
export const duplicatesJson = ({ caseId, fields, now, days }: { caseId: string; fields: Record<string, unknown>; now: Date; days: number }): SQL => {
  const query = duplicatesQuery({ caseId: sql`${caseId}::uuid`, category: sql`${categoryOf(fields)}::text`, address: sql`${addressOf(fields)}::text`, since: sinceOf(now, days) });
  return sql`(select coalesce(json_agg(json_build_object('id', d.id, 'serial_no', d.serial_no, 'same_caller', d.same_caller) order by d.created_at desc, d.serial_no desc), '[]'::json) from (${query}) d)`;
};

/**
 * The same for tickets registered together (createCases), in their order, in one statement: each is matched
 * against the earlier tickets — those of the same batch before it included, never those after it, as if registered
 * one by one. As one JSON value: an array with each ticket's Duplicate[] at its place. 4 parameters a ticket.
 */
export const duplicatesOfManyJson = ({ cases, now, days }: { cases: ReadonlyArray<{ caseId: string; fields: Record<string, unknown> }>; now: Date; days: number }): SQL => {
  const batch = sql.join(
    cases.map(({ caseId, fields }, index) => sql`(${index}::int, ${caseId}::uuid, ${categoryOf(fields)}::text, ${addressOf(fields)}::text)`),
    sql`, `,
  );
  const query = duplicatesQuery({
    caseId: sql`b.case_id`,
    category: sql`b.category`,
    address: sql`b.address`,
    since: sinceOf(now, days),
    excluded: sql`exists (select 1 from batch l where l.case_id = c.id and l.ord > b.ord)`,
  });
  return sql`(with batch (ord, case_id, category, address) as (values ${batch})
    select json_agg(coalesce(found.list, '[]'::json) order by b.ord) from batch b
    left join lateral (select json_agg(json_build_object('id', d.id, 'serial_no', d.serial_no, 'same_caller', d.same_caller) order by d.created_at desc, d.serial_no desc) as list
                       from (${query}) d) found on true)`;
};

const duplicateWarning = (found: ReadonlyArray<{ serial_no: string; same_caller: boolean }>) =>
  `疑似重复工单：${found.map((row) => `${row.serial_no}（${row.same_caller ? '同一来电人' : '同一地址'}）`).join('、')}，同一分类且在近期登记，已关联，可“归并”`;

/** Links a new ticket to the earlier ones it may repeat and says which they are (a warning, never a refusal). */
export const linkDuplicates = async ({ tx, caseId, found, now }: { tx: Db; caseId: string; found: readonly Duplicate[]; now: Date }): Promise<string[]> => {
  const [warnings] = await linkDuplicatesOfMany({ tx, found: [{ caseId, found }], now });
  return warnings!;
};

const LINK_COLUMNS: UnnestColumn[] = [['from_case_id', 'uuid'], ['to_case_id', 'uuid'], ['type', 'text'], ['created_at', 'timestamptz']];

/** The same for many tickets at once (their links in one insert): each ticket's warnings, in their order. */
export const linkDuplicatesOfMany = async ({ tx, found, now }: { tx: Db; found: ReadonlyArray<{ caseId: string; found: readonly Duplicate[] }>; now: Date }): Promise<string[][]> => {
  const links = found.flatMap((item) => item.found.map((row) => ({ from: item.caseId, to: row.id })));
  // One parameter a column (a batch's links are hundreds: drizzle's multi-row insert took longer to build than to run).
  if (links.length > 0) await tx.execute(sql`${insertUnnest('case_links', LINK_COLUMNS, links, (link) => [link.from, link.to, 'related', now])} on conflict do nothing`);
  return found.map((item) => (item.found.length > 0 ? [duplicateWarning(item.found)] : []));
};

/** The answer a merged ticket carries: the main ticket's, with where it came from. */
export type MergedAnswer = { text: string; fromId: string; fromSerialNo: string; unitName: string | null; at: string; byName: string };

/** A merged ticket with its main ticket's answer and no 回访 of its own yet waits on its handler (the 回访员) for one. */
export const mergedVisitWaiting = (ticket: { state: string; handlerId: string | null; fields: Record<string, unknown> }): WaitingOn =>
  ticket.state === 'merged' && ticket.fields.mergedAnswer && !ticket.fields.mergedVisit && ticket.handlerId ? [{ userId: ticket.handlerId, label: '回访' }] : [];

/** The states in which a ticket has its final answer: 回访 办结 (the unit's reply) or 直接办结 (the answer on the spot). */
const FINISHED = ['closed', 'answered_on_spot'];

/** A finished ticket's answer: the on-the-spot answer, else the latest reply of its 主办 unit. */
export const answerOf = async (tx: Db, ticket: { id: string; fields: Record<string, unknown> }): Promise<{ text: string; unitName: string | null } | null> => {
  if (typeof ticket.fields.directAnswer === 'string') return { text: ticket.fields.directAnswer, unitName: null };
  const [latest] = await tx
    .select({ reply: assignments.reply, name: units.name, shortName: units.shortName })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(eq(assignments.caseId, ticket.id), eq(assignments.role, 'lead'), isNotNull(assignments.reply)))
    .orderBy(desc(assignments.repliedAt))
    .limit(1);
  return latest?.reply ? { text: latest.reply, unitName: latest.shortName ?? latest.name } : null;
};

/**
 * Carries a main ticket's answer onto every ticket merged into it, and into those in turn: each gets `mergedAnswer`
 * (under a new version, so a page opened before is a 409) and a trail event, in the caller's transaction. The
 * merged tickets are locked in id order. Returns their serial numbers, for the main ticket's trail.
 */
export const carryAnswerToMerged = async ({ tx, caseId, answer, actor, now }: { tx: Db; caseId: string; answer: MergedAnswer; actor: Actor; now: Date }): Promise<string[]> => {
  const found: string[] = [];
  for (let frontier = [caseId]; frontier.length > 0; ) {
    const next = rowsOf<{ id: string }>(
      await tx.execute(sql`select c.id from case_links l join cases c on c.id = l.from_case_id
        where l.to_case_id in (${sql.join(frontier.map((id) => sql`${id}::uuid`), sql`, `)}) and c.kind = 'ticket' and c.state = 'merged'
          and c.fields->'mergedInto'->>'id' = l.to_case_id::text`),
    ).map((row) => row.id).filter((id) => id !== caseId && !found.includes(id));
    found.push(...next);
    frontier = next;
  }
  const carried: string[] = [];
  for (const id of [...found].sort()) {
    const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
    if (!row) continue;
    const fields = { ...row.fields, mergedAnswer: answer };
    const claimed = await claimCaseVersion(tx, { caseId: id, version: row.version, set: { fields, updatedAt: now } });
    if (!claimed) throw conflict();
    // Its caller is called back too: the 回访 goes on the center's 待办 (a repeated answer after a 重办 keeps the one item).
    await replaceWorkItems(tx, id, mergedVisitWaiting({ ...row, fields }), now);
    await appendEvent(tx, {
      caseId: id,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'merged_answer',
      fromState: row.state,
      toState: row.state,
      comment: `主工单 ${answer.fromSerialNo} 已办结，答复一并告知本工单来电人`,
      data: { mergedAnswer: { text: answer.text, fromSerialNo: answer.fromSerialNo, unitName: answer.unitName } },
    });
    carried.push(row.serialNo);
  }
  return carried;
};

/**
 * 归并: the ticket it goes into must be another ticket, not itself merged away. The target's row is locked, so a
 * merge and the target's closing never cross: the merge either sees the target finished (and takes its answer at
 * once) or is found by the closing, which carries the answer to it.
 */
export const checkMergeTarget = async ({ tx, caseId, into, now }: { tx: Db; caseId: string; into: string; now: Date }) => {
  if (into === caseId) throw validationError('不能归并到本工单', { fields: [{ path: 'into', message: '请选择另一张工单' }] });
  const [target] = await tx
    .select({ id: cases.id, serialNo: cases.serialNo, state: cases.state, fields: cases.fields })
    .from(cases)
    .where(and(eq(cases.id, into), eq(cases.kind, 'ticket')))
    .for('update');
  if (!target) throw validationError('没有这张工单', { fields: [{ path: 'into', message: '工单不存在' }] });
  if (target.state === 'merged') throw invalidState(`工单 ${target.serialNo} 已归并到其他工单，请归并到主工单`);
  await tx.insert(caseLinks).values({ fromCaseId: caseId, toCaseId: target.id, type: 'related', createdAt: now }).onConflictDoNothing();
  const answer = FINISHED.includes(target.state) ? await answerOf(tx, target) : null;
  return { id: target.id, serialNo: target.serialNo, answer };
};
