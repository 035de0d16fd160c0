/**
 * A year of every metric: `timeEveryMetric` for the benches (npm run bench, bench:hotline), and on its own
 * (`node --import tsx scripts/bench/metrics-year.ts DATABASE_URL [YEAR]`) on a kept bench
 * database (`BENCH_KEEP=1 npm run bench`, `npm run bench:hotline -- --keep`), each metric of the catalogue is
 * computed for the year, for the whole office, as the statistics page asks for it: the value, then the same
 * range a year earlier (同比). Not a test: it prints each metric's time (median of 3, after one warm-up), the
 * slowest first, the sum (one after another) and the wall time of all at once on a pool (the statistics page
 * fires them together), against issue 16's target: every metric for a year in < 1 s.
 *
 * The metrics run in this process on the same code as the server's routes (metric.compute and hasDataBy through
 * getMetricResult), without HTTP: what is timed is the database work. Environment: FUBAN_DB_POOL (10).
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { loadCalendar } from '../../server/src/engine/calendar/calendar.service.js';
import { registerAllKinds } from '../../server/src/modules/kinds.js';
import { getMetricResult } from '../../server/src/modules/metrics/metrics.service.js';
import { listMetrics } from '../../server/src/modules/metrics/metrics.registry.js';
import type { Actor } from '../../server/src/platform/actor.js';
import { openDatabase, rowsOf, type Db } from '../../server/src/platform/db.js';

export type EveryMetricTiming = { year: number; cases: number; rows: Array<{ id: string; ms: number; value: unknown }>; sumMs: number; wallMs: number };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Each metric of the catalogue for the year (median of 3 after a warm-up), then all at once (median of 3). */
export const timeEveryMetric = async ({ db, year }: { db: Db; year: number }): Promise<EveryMetricTiming> => {
  registerAllKinds();
  const query = { from: `${year}-01-01`, to: `${year}-12-31` };
  // The office's director as the statistics page sees it: the whole office, every unit.
  const actor: Actor = { userId: '00000000-0000-0000-0000-000000000000', username: 'bench', displayName: '基准', unitId: '00000000-0000-0000-0000-000000000000', roles: ['director'], permissions: new Set(['case.work']), scope: 'all', ip: null, hasDelegations: false };
  const now = new Date(`${year + 1}-01-15T02:00:00Z`);
  await loadCalendar({ db });
  const ask = (id: string) => getMetricResult({ db, actor, id, query, now });
  const timeOf = async (id: string): Promise<number> => {
    const started = performance.now();
    await ask(id);
    return performance.now() - started;
  };
  const ids = listMetrics().map((metric) => metric.id);
  const rows: EveryMetricTiming['rows'] = [];
  for (const id of ids) {
    const first = await ask(id);
    rows.push({ id, ms: median([await timeOf(id), await timeOf(id), await timeOf(id)]), value: first.value });
  }
  const together: number[] = [];
  for (let round = 0; round < 3; round += 1) {
    const started = performance.now();
    await Promise.all(ids.map((id) => ask(id)));
    together.push(performance.now() - started);
  }
  rows.sort((a, b) => b.ms - a.ms);
  const [count] = rowsOf<{ n: string }>(await db.execute(sql`select count(*)::text as n from cases`));
  return { year, cases: Number(count?.n ?? 0), rows, sumMs: rows.reduce((total, row) => total + row.ms, 0), wallMs: median(together) };
};

/** The figure in one line, and (verbose) each metric's time, the slowest first. */
export const describeEveryMetric = (timing: EveryMetricTiming, { verbose }: { verbose: boolean }): string[] => [
  ...(verbose ? timing.rows.map((row) => `${row.ms.toFixed(1).padStart(9)} ms  ${row.id.padEnd(36)} ${JSON.stringify(row.value)}`) : []),
  `Every metric of the catalogue (${timing.rows.length}) for ${timing.year}, whole office, each with its 同比 year, at ${timing.cases.toLocaleString('en')} cases: all at once ${timing.wallMs.toFixed(0)} ms (median of 3; one after another ${timing.sumMs.toFixed(0)} ms; slowest ${timing.rows[0]?.id} ${timing.rows[0]?.ms.toFixed(0)} ms) — target < 1,000 ms: ${timing.wallMs < 1_000 ? 'PASS' : 'MISS'}`,
];

if (import.meta.url === `file://${process.argv[1]}`) {
  const [databaseUrl, yearArg] = process.argv.slice(2);
  if (!databaseUrl) {
    console.error('usage: node --import tsx scripts/bench/metrics-year.ts DATABASE_URL [YEAR]');
    process.exit(2);
  }
  const database = await openDatabase({ databaseUrl, dataDir: '' });
  const timing = await timeEveryMetric({ db: database.db, year: Number(yearArg ?? new Date().getFullYear() - 1) });
  for (const line of describeEveryMetric(timing, { verbose: true })) console.log(line);
  await database.close();
}
