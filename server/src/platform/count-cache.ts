/**
 * Totals of large result sets, kept a few seconds in this process. A ledger polls its page and its total
 * together; counting 50,000 rows on every poll costs more than the page itself, and a total of that size a
 * few seconds old tells the reader nothing different. Small totals (under MIN_CACHED) are always counted,
 * so a clerk who just registered a case sees it counted; any write through this process (a state-changing
 * request, an action) forgets them all. Another process's writes show within TTL_MS.
 */
const TTL_MS = 5_000;
const MIN_CACHED = 1_000;
const MAX_ENTRIES = 2_000;

type Total = { count: number; isEstimate: boolean };
const totals = new Map<string, { at: number; total: Total }>();

/** The total under `key`: the cached one when it is large and recent, else `compute`'s. */
export const cachedCount = async (key: string, compute: () => Promise<Total>, now = Date.now()): Promise<Total> => {
  const hit = totals.get(key);
  if (hit && now - hit.at < TTL_MS) return hit.total;
  const startedAt = generation;
  const total = await compute();
  // A write that ended while this was counting may not be in it: then it is not kept.
  if (total.count >= MIN_CACHED && startedAt === generation) {
    if (totals.size >= MAX_ENTRIES) totals.clear();
    totals.set(key, { at: now, total });
  }
  return total;
};

let generation = 0;

/** Forgets every cached total: called after each write in this process. */
export const forgetCachedCounts = (): void => {
  generation += 1;
  totals.clear();
};
