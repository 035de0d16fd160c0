/**
 * 留痕: appending events to a case's trail and checking it. Each event's SM3 hash covers
 * its content and the previous event's hash, so an edited, deleted or reordered record
 * breaks the chain at exactly that place; each hash is sealed with HMAC-SM3 under the trail
 * key (platform/seal.ts), so a chain rewritten and recomputed without the key shows too.
 * Each event records the case version it left behind: the newest event must agree with the
 * case, so cutting off the newest events shows even though what remains still chains.
 */
import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { caseEvents, cases } from '../../db/schema/index.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { asStoredJson, canonicalJson, sm3, trailMac } from '../../platform/seal.js';

export { canonicalJson, sm3 };

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

type HashedContent = Omit<NewEvent, 'at'> & { seq: number; at: string; caseVersion?: number };

export const hashEvent = (prevHash: string, content: HashedContent): string =>
  sm3(`${prevHash}\n${canonicalJson(content)}`);

/** The MAC that seals an event's hash (and through it the whole chain before it). */
export const sealEventHash = (hash: string): string => trailMac(`case_event\n${hash}`);

/** Events from before 0011 have no case version: leaving it out keeps their hashes as they were. */
const contentOf = (event: NewEvent, seq: number, caseVersion: number | null): HashedContent => ({
  caseId: event.caseId,
  seq,
  ...(caseVersion === null ? {} : { caseVersion }),
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

/** The stored row of an event: its hashed content, chained on `prevHash`, sealed with the trail key. */
const sealedRow = (event: NewEvent, seq: number, prevHash: string, caseVersion: number) => {
  const content = contentOf({ ...event, data: asStoredJson(event.data) }, seq, caseVersion);
  const hash = hashEvent(prevHash, content);
  return {
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
    caseVersion,
    mac: sealEventHash(hash),
  };
};

/**
 * Appends an event. Call it inside the transaction that changed the case and after the
 * case row was updated: that row lock keeps two appends to one case from racing. One read
 * gives the case's version and the chain's tail, one insert writes the sealed event.
 */
export const appendEvent = async (tx: Db, event: NewEvent, known?: { tail: ChainTail; with?: SQL }): Promise<{ seq: number; hash: string }> => {
  const [tail] = known
    ? [known.tail]
    : rowsOf<{ version: number; seq: number | null; hash: string | null }>(
        await tx.execute(sql`select c.version, last.seq, last.hash from ${cases} c
          left join lateral (select e.seq, encode(e.hash, 'hex') as hash from ${caseEvents} e where e.case_id = c.id order by e.seq desc limit 1) last on true
          where c.id = ${event.caseId}`),
      );
  if (!tail) throw new Error(`appendEvent: case ${event.caseId} not found`);
  const seq = (tail.seq ?? 0) + 1;
  const row = sealedRow(event, seq, tail.hash ?? GENESIS_HASH, tail.version);
  // Other writes of the action may ride on the insert as CTEs (one round trip for both).
  if (known?.with) await tx.execute(sql`with ${known.with} ${tx.insert(caseEvents).values(row).getSQL()}`);
  else await tx.insert(caseEvents).values(row);
  return { seq, hash: row.hash };
};

/** Where a new event chains on: the case's version it leaves behind, and the newest event's seq and hash (none yet: null). */
export type ChainTail = { version: number; seq: number | null; hash: string | null };

/** One event of a trail as an action reads it: enough to chain on and for the clocks to count. */
export type TrailRow = { seq: number; hash: string; action: string; at: Date; data: Record<string, unknown> | null };

/**
 * The whole trail of a case, oldest first, read once by an action after it claimed the case's version (the row
 * lock then keeps other appends out until commit): its tail is where the new event chains on, and the effect
 * and the clocks read it instead of reading it again.
 */
export const readTrail = (tx: Db, caseId: string): Promise<TrailRow[]> =>
  tx
    .select({ seq: caseEvents.seq, hash: caseEvents.hash, action: caseEvents.action, at: caseEvents.at, data: caseEvents.data })
    .from(caseEvents)
    .where(eq(caseEvents.caseId, caseId))
    .orderBy(asc(caseEvents.seq));

/** The newest event of a case's trail (seq and hash), for an action that needs no more of it. */
export const readTrailTail = async (tx: Db, caseId: string): Promise<{ seq: number; hash: string } | undefined> => {
  const [row] = await tx.select({ seq: caseEvents.seq, hash: caseEvents.hash }).from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(desc(caseEvents.seq)).limit(1);
  return row;
};

/** The event as it reads back from the trail, for the clocks computed in the same transaction. */
export const storedTrailEvent = (event: NewEvent): { action: string; at: Date; data: Record<string, unknown> | null } => ({
  action: event.action,
  at: event.at,
  data: (asStoredJson(event.data) as Record<string, unknown> | null | undefined) ?? null,
});

/**
 * The first event of each of many new cases (createCases), sealed as appendEvent seals it: seq 1 on the genesis hash,
 * at the version the case was inserted with — nothing to read, the cases have no trail yet. The rows, for one insert.
 */
export const firstEventRows = (events: ReadonlyArray<{ event: NewEvent; caseVersion: number }>) => events.map(({ event, caseVersion }) => sealedRow(event, 1, GENESIS_HASH, caseVersion));

const INSERT_BATCH = 500;

/**
 * Appends many events at once (a bulk import): each case's events chain on from its last one in the
 * order given, exactly as appendEvent would (same hash, same seal, same case version), with one read
 * and one insert per few hundred events. Same rule as appendEvent: inside the transaction that wrote the cases.
 */
export const appendEvents = async (tx: Db, events: readonly NewEvent[]): Promise<void> => {
  const caseIds = [...new Set(events.map((event) => event.caseId))];
  const last = new Map<string, { version: number; seq: number; hash: string }>();
  for (let start = 0; start < caseIds.length; start += INSERT_BATCH) {
    const ids = caseIds.slice(start, start + INSERT_BATCH);
    const rows = rowsOf<{ id: string; version: number; seq: number | null; hash: string | null }>(
      await tx.execute(sql`select c.id, c.version, last.seq, last.hash from ${cases} c
        left join lateral (select e.seq, encode(e.hash, 'hex') as hash from ${caseEvents} e where e.case_id = c.id order by e.seq desc limit 1) last on true
        where c.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`),
    );
    for (const row of rows) last.set(row.id, { version: row.version, seq: row.seq ?? 0, hash: row.hash ?? GENESIS_HASH });
  }
  // Each event of a case in the batch is one version step, the last one leaving the case at its stored
  // version (the import writes a case already at its final state): the i-th of n carries version V − n + i.
  const remaining = new Map<string, number>();
  for (const event of events) remaining.set(event.caseId, (remaining.get(event.caseId) ?? 0) + 1);
  const values = events.map((event) => {
    const previous = last.get(event.caseId);
    if (!previous) throw new Error(`appendEvents: case ${event.caseId} not found`);
    const left = remaining.get(event.caseId)! - 1;
    remaining.set(event.caseId, left);
    const caseVersion = Math.max(1, previous.version - left);
    const seq = previous.seq + 1;
    const row = sealedRow(event, seq, previous.hash, caseVersion);
    last.set(event.caseId, { version: previous.version, seq, hash: row.hash });
    return row;
  });
  for (let start = 0; start < values.length; start += INSERT_BATCH) await tx.insert(caseEvents).values(values.slice(start, start + INSERT_BATCH));
};

/** Where a case's trail breaks: at a record, or (`isAfter`) after its newest record, when records are missing there. */
export type TrailBreak = { caseId: string; seq: number; eventId: number; reason: string; isAfter?: boolean };

type EventRow = typeof caseEvents.$inferSelect;

/** Walks one case's events in order: `next` gives the reason a row breaks the chain, `end` whether the newest agrees with the case. */
const chainWalker = () => {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let lastVersion: number | null = null;
  const next = (row: EventRow): string | undefined => {
    if (row.seq !== expectedSeq) return `序号不连续：应为 ${expectedSeq}，实为 ${row.seq}（有记录被删除）`;
    if (row.prevHash !== prevHash) return '前一条记录的摘要不符（有记录被删除或替换）';
    if (hashEvent(prevHash, contentOf(row, row.seq, row.caseVersion)) !== row.hash) return '记录内容与其 SM3 摘要不符（记录被修改）';
    if (row.mac === null) return '没有密钥封印（升级前的旧记录须用 fuban seal-trail 封印；否则是封印被抹去）';
    if (row.mac !== sealEventHash(row.hash)) return '密钥封印不符（记录被改写，摘要链是在没有密钥的情况下重算的）';
    if (row.caseVersion !== null) {
      const follows = lastVersion === null ? row.seq > 1 || row.caseVersion === 1 : row.caseVersion === lastVersion || row.caseVersion === lastVersion + 1;
      if (!follows) return `所记事项版本（第 ${row.caseVersion} 版）与前一条（第 ${lastVersion ?? 0} 版）不衔接（有记录被删除）`;
      lastVersion = row.caseVersion;
    }
    prevHash = row.hash;
    expectedSeq += 1;
    return undefined;
  };
  /** The newest event must have left the case at the version it has now; events before 0011 record none. */
  const end = (caseVersion: number | null): string | undefined => {
    if (lastVersion === null || caseVersion === null || caseVersion === lastVersion) return undefined;
    return caseVersion > lastVersion
      ? `缺少记录：事项已到第 ${caseVersion} 版，留痕只记到第 ${lastVersion} 版（第 ${lastVersion + 1} 版起的记录被删除）`
      : `不符：事项为第 ${caseVersion} 版，留痕已记到第 ${lastVersion} 版（事项被改动）`;
  };
  return { next, end };
};

/** Checks one case's chain; returns the first broken record, or undefined when the chain holds. */
export const verifyCaseTrail = async (db: Db, caseId: string): Promise<TrailBreak | undefined> => {
  const rows = await db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
  const [owner] = await db.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
  const walker = chainWalker();
  for (const row of rows) {
    const reason = walker.next(row);
    if (reason) return { caseId, seq: row.seq, eventId: row.id, reason };
  }
  const newest = rows[rows.length - 1];
  const reason = newest ? walker.end(owner?.version ?? null) : undefined;
  return reason && newest ? { caseId, seq: newest.seq, eventId: newest.id, reason, isAfter: true } : undefined;
};

/** Checks every case's chain in one ordered pass, a page at a time (memory stays flat); reports each broken case once. */
export const verifyAllTrails = async (db: Db): Promise<{ checkedCases: number; checkedEvents: number; breaks: TrailBreak[] }> => {
  const breaks: TrailBreak[] = [];
  let checkedCases = 0;
  let checkedEvents = 0;
  type Current = { caseId: string; walker: ReturnType<typeof chainWalker>; isBroken: boolean; newest?: EventRow; caseVersion: number | null };
  let current: Current | undefined;
  const finish = (item: Current | undefined) => {
    if (!item || item.isBroken || !item.newest) return;
    const reason = item.walker.end(item.caseVersion);
    if (reason) breaks.push({ caseId: item.caseId, seq: item.newest.seq, eventId: item.newest.id, reason, isAfter: true });
  };
  let cursor: { caseId: string; seq: number } | undefined;
  for (;;) {
    const page = await db
      .select({ event: caseEvents, caseVersion: cases.version })
      .from(caseEvents)
      .leftJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(cursor ? sql`(${caseEvents.caseId}, ${caseEvents.seq}) > (${cursor.caseId}::uuid, ${cursor.seq})` : undefined)
      .orderBy(asc(caseEvents.caseId), asc(caseEvents.seq))
      .limit(5_000);
    if (page.length === 0) break;
    const last = page[page.length - 1]!.event;
    cursor = { caseId: last.caseId, seq: last.seq };
    for (const { event: row, caseVersion } of page) {
      checkedEvents += 1;
      if (current?.caseId !== row.caseId) {
        finish(current);
        checkedCases += 1;
        current = { caseId: row.caseId, walker: chainWalker(), isBroken: false, caseVersion };
      }
      if (current.isBroken) continue;
      const reason = current.walker.next(row);
      if (reason) {
        breaks.push({ caseId: row.caseId, seq: row.seq, eventId: row.id, reason });
        current.isBroken = true;
      }
      current.newest = row;
    }
  }
  finish(current);
  return { checkedCases, checkedEvents, breaks };
};

/**
 * Seals events written before 0011 (mac null) whose SM3 chain holds; a broken chain is left
 * unsealed, for verify-trail to name. Returns how many events it sealed.
 */
export const sealLegacyEvents = async (db: Db): Promise<number> => {
  const caseIds = rowsOf<{ case_id: string }>(await db.execute(sql`select distinct case_id from ${caseEvents} where mac is null`));
  let sealed = 0;
  for (const { case_id: caseId } of caseIds) {
    const rows = await db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
    let prevHash = GENESIS_HASH;
    const holds = rows.every((row, index) => {
      const ok = row.seq === index + 1 && row.prevHash === prevHash && hashEvent(prevHash, contentOf(row, row.seq, row.caseVersion)) === row.hash;
      prevHash = row.hash;
      return ok;
    });
    if (!holds) continue;
    for (const row of rows.filter((item) => item.mac === null)) {
      await db.update(caseEvents).set({ mac: sealEventHash(row.hash) }).where(eq(caseEvents.id, row.id));
      sealed += 1;
    }
  }
  return sealed;
};
