/**
 * Loads a city's 12345 years into a migrated database: the office (office.ts), then N tickets spread over
 * three years up to now — fewer at weekends and at night, 8 % more each year — generated in registration
 * order by `threads` worker threads, each a run of days with its own COPY children (load-worker.ts,
 * tickets.ts, copy.ts), with the big tables' indexes and keys dropped and made again after; then the serial
 * counters, the event id sequence and ANALYZE; then samples checked: trails verify (SM3 chain and seal), the
 * search vectors equal PostgreSQL's to_tsvector of the app's words.
 */
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { calendarOverrides } from '../../../server/src/db/schema/index.js';
import { verifyCaseTrail } from '../../../server/src/engine/cases/trail.js';
import { loadOfficeHours } from '../../../server/src/engine/clocks/office-hours.js';
import type { Db } from '../../../server/src/platform/db.js';
import { segmentWords } from '../../../server/src/platform/search.js';
import { listSettingValues } from '../../../server/src/platform/settings.js';
import { dropForLoad, LOAD_TABLES, restoreAfterLoad } from './copy.js';
import type { WorkerInput, WorkerMessage } from './load-worker.js';
import { createOffice, type Office } from './office.js';
import { DAY, HOUR } from './timeline.js';

export type LoadResult = { office: Office; counts: Record<string, number>; rows: Record<string, number>; phases: Record<string, number>; sampleIds: string[] };

const sum = (target: Record<string, number>, source: Record<string, number>) => {
  for (const [key, n] of Object.entries(source)) target[key] = (target[key] ?? 0) + n;
};

export const loadHotline = async (options: { url: string; db: Db; tickets: number; townships: number; agents: number; threads: number; now: Date; log: (line: string) => void }): Promise<LoadResult> => {
  const { url, db, tickets, townships, agents, threads, now, log } = options;
  const phases: Record<string, number> = {};
  let phase = Date.now();
  const mark = (name: string) => {
    phases[name] = Date.now() - phase;
    phase = Date.now();
  };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const office = await createOffice(client, { townships, agents, now });
    const overrides = (await db.select().from(calendarOverrides)).map((row) => ({ date: row.date, kind: row.kind, note: row.note }));
    const officeHours = await loadOfficeHours(db);
    const settings = await listSettingValues(db);
    const definitions = await dropForLoad(client, Object.keys(LOAD_TABLES));
    mark('prepare');

    // The days: three years up to today, weighted by weekday and year; the tickets of each, rounded to add up.
    const dayCount = 3 * 365 + 1;
    const today = Math.floor((now.getTime() + 8 * HOUR) / DAY);
    const days = Array.from({ length: dayCount }, (_, index) => {
      const epochDay = today - dayCount + 1 + index;
      const weekday = new Date(epochDay * DAY).getUTCDay();
      return { midnight: epochDay * DAY - 8 * HOUR, year: new Date(epochDay * DAY).getUTCFullYear(), weight: (weekday === 0 || weekday === 6 ? 0.8 : 1) * (1 + (0.08 * index) / 365), count: 0 };
    });
    const totalWeight = days.reduce((total, day) => total + day.weight, 0);
    let owed = 0;
    let given = 0;
    for (const day of days) {
      owed += (day.weight / totalWeight) * tickets;
      day.count = Math.round(owed) - given;
      given += day.count;
    }
    days[days.length - 1]!.count += tickets - given;

    // One run of days per thread, of about as many tickets each.
    const runs: WorkerInput[] = [];
    let first = 0;
    let before = 0;
    const serials = new Map<number, number>();
    for (let thread = 0; thread < threads; thread += 1) {
      let last = first;
      let inRun = 0;
      while (last < days.length && (thread === threads - 1 || inRun < tickets / threads)) inRun += days[last++]!.count;
      const run = days.slice(first, last);
      runs.push({
        url, overrides, officeHours, settings, nowMs: now.getTime(), seed: 20_261_207 + thread, firstIndex: before, serialStart: [...serials],
        office: { ...office, departments: [...office.departments] },
        days: run.map(({ midnight, count }) => ({ midnight, count })),
      });
      for (const day of run) serials.set(day.year, (serials.get(day.year) ?? 0) + day.count);
      before += inRun;
      first = last;
    }

    const counts: Record<string, number> = {};
    const rows: Record<string, number> = {};
    const sampleIds: string[] = [];
    const progress = runs.map(() => ({ tickets: 0, events: 0 }));
    const started = Date.now();
    let lastLog = Date.now();
    const workers: Worker[] = [];
    try {
      await Promise.all(
        runs.map(
          (run, index) =>
            new Promise<void>((resolve, reject) => {
              const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: run });
              workers.push(worker);
              worker.on('message', (message: WorkerMessage) => {
                if (message.type === 'progress') {
                  progress[index] = message;
                  if (Date.now() - lastLog > 30_000) {
                    lastLog = Date.now();
                    const made = progress.reduce((total, item) => total + item.tickets, 0);
                    log(`  … ${made.toLocaleString('en')} tickets, ${progress.reduce((total, item) => total + item.events, 0).toLocaleString('en')} events (${((Date.now() - started) / 1000).toFixed(0)} s)`);
                  }
                } else {
                  log(`  thread ${index}: ${(message.spent.totalMs / 1000).toFixed(0)} s, of which generating ${(message.spent.generateMs / 1000).toFixed(0)} s, waiting for COPY ${(message.spent.waitMs / 1000).toFixed(0)} s`);
                  sum(counts, message.counts);
                  sum(rows, message.rows);
                  sampleIds.push(...message.sampleIds);
                  resolve();
                }
              });
              worker.once('error', reject);
              worker.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`load thread ${index} exited with ${code}`))));
            }),
        ),
      );
    } catch (error) {
      for (const worker of workers) await worker.terminate();
      throw error;
    }
    mark('copy');

    log(`  copied in ${(phases.copy! / 1000).toFixed(0)} s; keys, indexes and foreign keys…`);
    await restoreAfterLoad(async () => {
      const extra = new pg.Client({ connectionString: url });
      await extra.connect();
      return extra;
    }, definitions, log);
    mark('indexes');
    for (const [year, seq] of serials) await client.query(`insert into case_serials (kind, series, year, last_seq) values ('ticket', '', $1, $2)`, [year, seq]);
    await client.query(`select setval('case_events_id_seq', (select max(id) from case_events))`);
    await client.query('analyze');
    mark('analyze');

    // What was loaded reads as the engine wrote it: trails verify, search vectors equal PostgreSQL's.
    const sample = sampleIds.filter((_, index) => index % Math.max(1, Math.floor(sampleIds.length / 200)) === 0).slice(0, 200);
    for (const caseId of sample) {
      const broken = await verifyCaseTrail(db, caseId);
      if (broken) throw new Error(`loaded trail of ${caseId} is broken at seq ${broken.seq}: ${broken.reason}`);
    }
    let differing = 0;
    for (const caseId of sample) {
      const { rows: [row] } = await client.query<{ search_text: string }>('select search_text from cases where id = $1', [caseId]);
      const { rows: [check] } = await client.query<{ same: boolean }>(`select search_vector = to_tsvector('simple', $2) as same from cases where id = $1`, [caseId, segmentWords(row!.search_text).join(' ')]);
      if (!check?.same) differing += 1;
    }
    if (differing > 0) throw new Error(`${differing} of ${sample.length} sampled search vectors differ from to_tsvector('simple', …)`);
    mark('verify');
    return { office, counts, rows, phases, sampleIds: sample };
  } finally {
    await client.end();
  }
};
