/**
 * 留痕: appending events to a case's trail and checking it. Each event's SM3 hash covers
 * its content and the previous event's hash, so an edited, deleted or reordered record
 * breaks the chain at exactly that place.
 */
import { createHash } from 'node:crypto';
import { asc, desc, eq, sql } from 'drizzle-orm';
import { caseEvents } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';

export const GENESIS_HASH = '0'.repeat(64);

export type NewEvent = {
  caseId: string;
  at: Date;
  actorId: string;
  actorName: string;
  onBehalfOfId?: string | null;
  onBehalfOfName?: string | null;
  action: string;
  fromState?: string | null;
  toState?: string | null;
  comment?: string | null;
  data?: Record<string, unknown> | null;
};

/** JSON with object keys sorted at every depth: the same content always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
};

export const sm3 = (text: string): string => createHash('sm3').update(text, 'utf8').digest('hex');

type HashedContent = Omit<NewEvent, 'at'> & { seq: number; at: string };

export const hashEvent = (prevHash: string, content: HashedContent): string =>
  sm3(`${prevHash}\n${canonicalJson(content)}`);

const contentOf = (event: NewEvent, seq: number): HashedContent => ({
  caseId: event.caseId,
  seq,
  at: event.at.toISOString(),
  actorId: event.actorId,
  actorName: event.actorName,
  onBehalfOfId: event.onBehalfOfId ?? null,
  onBehalfOfName: event.onBehalfOfName ?? null,
  action: event.action,
  fromState: event.fromState ?? null,
  toState: event.toState ?? null,
  comment: event.comment ?? null,
  data: event.data ?? null,
});

/**
 * Appends an event. Call it inside the transaction that changed the case and after the
 * case row was updated: that row lock keeps two appends to one case from racing.
 */
export const appendEvent = async (tx: Db, event: NewEvent): Promise<{ seq: number; hash: string }> => {
  const [last] = await tx
    .select({ seq: caseEvents.seq, hash: caseEvents.hash })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, event.caseId))
    .orderBy(desc(caseEvents.seq))
    .limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content = contentOf(event, seq);
  const hash = hashEvent(prevHash, content);
  await tx.insert(caseEvents).values({
    caseId: event.caseId,
    seq,
    at: event.at,
    actorId: event.actorId,
    actorName: event.actorName,
    onBehalfOfId: content.onBehalfOfId,
    onBehalfOfName: content.onBehalfOfName,
    action: event.action,
    fromState: content.fromState,
    toState: content.toState,
    comment: content.comment,
    data: content.data,
    prevHash,
    hash,
  });
  return { seq, hash };
};

export type TrailBreak = { caseId: string; seq: number; eventId: number; reason: string };

type EventRow = typeof caseEvents.$inferSelect;

/** Walks one case's events in order; returns the reason the next row breaks the chain, if it does. */
const chainWalker = () => {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  return (row: EventRow): string | undefined => {
    if (row.seq !== expectedSeq) return `序号不连续：应为 ${expectedSeq}，实为 ${row.seq}（有记录被删除）`;
    if (row.prevHash !== prevHash) return '前一条记录的摘要不符（有记录被删除或替换）';
    if (hashEvent(prevHash, contentOf(row, row.seq)) !== row.hash) return '记录内容与其 SM3 摘要不符（记录被修改）';
    prevHash = row.hash;
    expectedSeq += 1;
    return undefined;
  };
};

/** Checks one case's chain; returns the first broken record, or undefined when the chain holds. */
export const verifyCaseTrail = async (db: Db, caseId: string): Promise<TrailBreak | undefined> => {
  const rows = await db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
  const next = chainWalker();
  for (const row of rows) {
    const reason = next(row);
    if (reason) return { caseId, seq: row.seq, eventId: row.id, reason };
  }
  return undefined;
};

/** Checks every case's chain in one ordered pass, a page at a time (memory stays flat); reports each broken case once. */
export const verifyAllTrails = async (db: Db): Promise<{ checkedCases: number; checkedEvents: number; breaks: TrailBreak[] }> => {
  const breaks: TrailBreak[] = [];
  let checkedCases = 0;
  let checkedEvents = 0;
  let current: { caseId: string; next: (row: EventRow) => string | undefined; isBroken: boolean } | undefined;
  let cursor: { caseId: string; seq: number } | undefined;
  for (;;) {
    const page = await db
      .select()
      .from(caseEvents)
      .where(cursor ? sql`(${caseEvents.caseId}, ${caseEvents.seq}) > (${cursor.caseId}::uuid, ${cursor.seq})` : undefined)
      .orderBy(asc(caseEvents.caseId), asc(caseEvents.seq))
      .limit(5_000);
    if (page.length === 0) break;
    const last = page[page.length - 1]!;
    cursor = { caseId: last.caseId, seq: last.seq };
    for (const row of page) {
      checkedEvents += 1;
      if (current?.caseId !== row.caseId) {
        checkedCases += 1;
        current = { caseId: row.caseId, next: chainWalker(), isBroken: false };
      }
      if (current.isBroken) continue;
      const reason = current.next(row);
      if (reason) {
        breaks.push({ caseId: row.caseId, seq: row.seq, eventId: row.id, reason });
        current.isBroken = true;
      }
    }
  }
  return { checkedCases, checkedEvents, breaks };
};
