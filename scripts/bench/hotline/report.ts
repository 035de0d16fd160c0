/**
 * What bench-hotline prints at the end: the table of figures beside the floor with their targets, the
 * load and its extrapolation to the 10 million tickets, and how the design carries a province.
 */
import type { LoadResult as RunResult } from '../load-generator.js';

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export type Figure = {
  label: string;
  target: string;
  /** Whether the medians meet the target. */
  passes: (ours: { p50: number; p95: number; perSecond: number }) => boolean;
  ours: RunResult[];
  floor: RunResult[];
  floorLabel: string;
  concurrency: number;
};

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');

export const printTable = (figures: readonly Figure[], log: (line: string) => void) => {
  log('| measure | target | clients | ours req/s | ours p50 / p95 ms | floor | floor req/s | floor p50 / p95 ms | ours / floor req/s | result |');
  log('|---|---|---:|---:|---:|---|---:|---:|---:|---|');
  for (const figure of figures) {
    const ours = { p50: median(figure.ours.map((r) => r.p50)), p95: median(figure.ours.map((r) => r.p95)), perSecond: median(figure.ours.map((r) => r.perSecond)) };
    const floor = { p50: median(figure.floor.map((r) => r.p50)), p95: median(figure.floor.map((r) => r.p95)), perSecond: median(figure.floor.map((r) => r.perSecond)) };
    log(
      `| ${figure.label} | ${figure.target} | ${figure.concurrency} | ${fixed(ours.perSecond, 0)} | ${fixed(ours.p50)} / ${fixed(ours.p95)} | ${figure.floorLabel} | ${fixed(floor.perSecond, 0)} | ${fixed(floor.p50)} / ${fixed(floor.p95)} | ${fixed((ours.perSecond / floor.perSecond) * 100)} % | ${figure.passes(ours) ? 'PASS' : 'MISS'} |`,
    );
  }
};

export const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

/** The load at N tickets scaled to 10 million: rows and bytes in proportion, index builds at n log n. */
export const printExtrapolation = ({ tickets, loadMs, copyMs, indexMs, databaseBytes, log }: { tickets: number; loadMs: number; copyMs: number; indexMs: number; databaseBytes: number; log: (line: string) => void }) => {
  const factor = 10_000_000 / tickets;
  const indexFactor = factor * (Math.log(10_000_000) / Math.log(tickets));
  const minutes = (copyMs * factor + indexMs * indexFactor + (loadMs - copyMs - indexMs) * factor) / 60_000;
  const size = databaseBytes * factor;
  log(`At 10,000,000 tickets (extrapolated from ${tickets.toLocaleString('en')}: generation and COPY in proportion, index builds × n·log n): about ${minutes.toFixed(0)} min — target < 40 min: ${minutes < 40 ? 'PASS' : 'MISS'}; about ${gib(size)} — target < 40 GB: ${size < 40e9 ? 'PASS' : 'MISS'}.`);
};

/** How the design carries a province past one machine: what the code does today, and what is proposed. */
export const printScaleOut = (log: (line: string) => void) => {
  const lines = [
    'How this carries a province (4,000万 tickets a year ≈ 1.3 a second on average, bursts of perhaps ten times that) past one machine:',
    '- True of the code today: every hotline read is one PostgreSQL query per figure (ledger page, 三率 of a month, each metric), the ledger is keyed (created_at desc, id) with partial indexes per filter (migration 0026), and a unit\'s tickets are found through case_unit_visibility (unit_id, kind, created_at) — so each read touches its page or its period, not the whole table; 留痕 is hash-chained per case (case_id, seq), so no row depends on another case\'s, and sessions and count caches are per process, so several app servers can run behind one PostgreSQL today (FUBAN_TRAIL_KEY and FUBAN_PII_KEY shared).',
    '- Serialisation points today: each Open311 call appends to one of the audit log\'s 16 lanes (that lane\'s tail locked from the call\'s last statement to commit; a call takes a lane nobody holds), and an agent\'s registration holds the year\'s serial counter to its commit (gap-free); Open311 tickets are numbered before their transaction (one statement, unique; a gap only if a registration then fails) and counted in the per-day facts at commit, so a burst is bounded by the app process\'s work per ticket — batch.json (one transaction, one reservation, one audit row, multi-row inserts per call) spreads that over a call (see the two intake figures).',
    '- Proposal (not built): partition what grows with tickets by month of registration — cases (created_at), case_events (at, or the case\'s month), case_clocks and assignments (their case\'s month) — PostgreSQL declarative range partitions, so a month\'s metrics and an old year\'s archive touch their partitions only, and a year is detached rather than deleted; primary keys become (id, month).',
    '- Proposal (not built): a province runs one Fuban database per city (the city is already the unit of the 12345 center, its serials, its units and its 三率), i.e. shard by city; the province\'s own platform pushes to each city\'s Open311 and reads their metrics, and province-wide figures are the sum of the cities\' pre-aggregated months.',
    '- Proposal (not built): storage. A ticket takes about 9.5 kB (measured at a million: trail 2.8, case row and its indexes 2.7, clocks 2.7): its two clock rows keep their explanation (0.9 kB each, which computeClock derives from their inputs in a tenth of a millisecond) and their inputs (0.35 kB, the trail\'s events again), and each trail event its hash, previous hash and MAC as hex text (195 B; 99 as bytea). Deriving explanations on read and binary hashes take about a third off; under 40 GB for ten million also needs closed years moved off the hot database (detached partitions, above).',
    '- Proposal (not built): PostgreSQL streaming replicas serve the reads that can be a second old — ledgers\' totals, 三率, metrics, the summary and the dashboard — while the primary takes intake and transitions; the app would need a second pool (a read URL) for those use cases.',
  ];
  for (const line of lines) log(line);
};
