/**
 * One generating thread of the hotline load: the tickets of a run of days (load.ts splits the three years
 * into as many runs as threads), through its own COPY children. Keys come from the environment the bench
 * set (FUBAN_TRAIL_KEY, FUBAN_PII_KEY), so every thread seals as the server will read.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildCalendar, type CalendarOverride } from '../../../server/src/engine/calendar/calendar.js';
import type { OfficeHours } from '../../../server/src/engine/calendar/working-hours.js';
import { loadPersonalKey } from '../../../server/src/engine/personal/personal-key.js';
import { loadTrailKey } from '../../../server/src/platform/trail-key.js';
import { openCopies } from './copy.js';
import type { Office } from './office.js';
import { createTicketGenerator } from './tickets.js';
import { callTimes, makeRandom } from './timeline.js';

export type WorkerInput = {
  url: string;
  office: Omit<Office, 'departments'> & { departments: Array<[string, Office['departments'] extends Map<string, infer U> ? U : never]> };
  overrides: CalendarOverride[];
  officeHours: OfficeHours;
  settings: Record<string, number>;
  nowMs: number;
  seed: number;
  firstIndex: number;
  serialStart: Array<[number, number]>;
  /** Each day: its midnight (epoch ms, Shanghai) and how many tickets it gets. */
  days: Array<{ midnight: number; count: number }>;
};
export type WorkerMessage = { type: 'progress'; tickets: number; events: number } | { type: 'done'; counts: Record<string, number>; rows: Record<string, number>; sampleIds: string[]; spent: { generateMs: number; waitMs: number; totalMs: number } };

const input = workerData as WorkerInput;
loadTrailKey({ envKey: process.env.FUBAN_TRAIL_KEY, dataDir: '' });
loadPersonalKey({ envKey: process.env.FUBAN_PII_KEY, dataDir: '' });
const copies = openCopies(input.url);
try {
  const generator = createTicketGenerator({
    office: { ...input.office, departments: new Map(input.office.departments) },
    calendar: buildCalendar({ overrides: input.overrides }),
    officeHours: input.officeHours,
    settings: input.settings,
    now: new Date(input.nowMs),
    random: makeRandom(input.seed),
    emit: copies.write,
    firstIndex: input.firstIndex,
    serialStart: new Map(input.serialStart),
  });
  const sampleIds: string[] = [];
  let made = 0;
  const random = makeRandom(input.seed ^ 0x5bd1e995);
  const spent = { generate: 0, wait: 0, startedAt: Date.now() };
  for (const [index, day] of input.days.entries()) {
    let at = performance.now();
    for (const instant of callTimes(random, day.midnight, day.count, input.nowMs)) generator.add(instant);
    made += day.count;
    if (index % 7 === 0) sampleIds.push(...generator.lastIds(1));
    spent.generate += performance.now() - at;
    at = performance.now();
    await copies.drain();
    spent.wait += performance.now() - at;
    if (index % 30 === 29) parentPort!.postMessage({ type: 'progress', tickets: made, events: generator.counts.events ?? 0 } satisfies WorkerMessage);
  }
  const at = performance.now();
  const rows = await copies.end();
  spent.wait += performance.now() - at;
  parentPort!.postMessage({ type: 'done', counts: generator.counts, rows, sampleIds, spent: { generateMs: Math.round(spent.generate), waitMs: Math.round(spent.wait), totalMs: Date.now() - spent.startedAt } } satisfies WorkerMessage);
} catch (error) {
  copies.kill();
  throw error;
}
