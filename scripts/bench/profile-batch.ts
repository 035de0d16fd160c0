/**
 * Where Open311 batch intake's time goes (`node --import tsx scripts/bench/profile-batch.ts STATE_FILE`): on a database
 * kept by bench:hotline (`--keep`; its state file names it and its keys), PROFILE_CALLS (30) calls of
 * BENCH_BATCH_SIZE (100) requests through the real route (buildApp + inject), PROFILE_CONCURRENCY (4) at a time;
 * prints tickets a second in one process, the statements of one call, and the functions and places with the most
 * self time (the CPU profile of the process; the database's time shows as idle). Adds its tickets to that database.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { buildApp } from '../../server/src/app.js';
import { bindPersonalKey, loadPersonalKey } from '../../server/src/engine/personal/personal-key.js';
import { readConfig } from '../../server/src/platform/config.js';
import { openDatabase } from '../../server/src/platform/db.js';
import { bindTrailKey, loadTrailKey } from '../../server/src/platform/trail-key.js';

const state = JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8')) as { dbName: string; trailKey: string; personalKey: string; apiKey: string; areas: string[] };
const CALLS = Number(process.env.PROFILE_CALLS ?? 30);
const SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 100);
const CONCURRENCY = Number(process.env.PROFILE_CONCURRENCY ?? 4);
const url = new URL(process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
url.pathname = `/${state.dbName}`;

let recording: string[] | undefined;
// The time drizzle takes to turn each statement into text and parameters, by statement (during the profiled calls).
const building = new Map<string, { ms: number; n: number; params: number }>();
let buildingOn = false;
const sqlToQuery = PgDialect.prototype.sqlToQuery;
PgDialect.prototype.sqlToQuery = function (this: PgDialect, ...args: Parameters<typeof sqlToQuery>) {
  const startedAt = performance.now();
  const built = sqlToQuery.apply(this, args);
  if (buildingOn) {
    const key = built.sql.replace(/\s+/g, ' ').slice(0, 60);
    const seen = building.get(key) ?? { ms: 0, n: 0, params: 0 };
    building.set(key, { ms: seen.ms + performance.now() - startedAt, n: seen.n + 1, params: seen.params + built.params.length });
  }
  return built;
};
// Each statement of the counted call with the time to its answer (the database's share of a call).
let timed: Array<{ ms: number; text: string }> | undefined;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const seen = timed;
  const text = String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text).replace(/\s+/g, ' ');
  const startedAt = performance.now();
  const result = (query as (...rest: unknown[]) => unknown).apply(this, args);
  if (seen) void Promise.resolve(result).finally(() => seen.push({ ms: performance.now() - startedAt, text }));
  return result;
} as typeof query;
const trailKey = loadTrailKey({ envKey: state.trailKey, dataDir: readConfig().dataDir });
const personalKey = loadPersonalKey({ envKey: state.personalKey, dataDir: readConfig().dataDir });
const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '', onQuery: (text: string) => recording?.push(text) });
await bindTrailKey({ db: database.db, source: trailKey.source });
await bindPersonalKey({ db: database.db, source: personalKey.source });
const app = await buildApp({ db: database.db, databaseKind: 'postgres', config: { ...readConfig({}), isProduction: false, isPreviewPrerendered: false, publicRequestsPerMinute: 1_000_000, open311RequestsPerMinute: 1_000_000 }, clock: () => new Date(), logger: false });
await app.ready();
const services = (await app.inject({ method: 'GET', url: '/api/public/open311/v2/services.json' })).json() as Array<{ service_code: string }>;
let n = 0;
const body = () => ({
  api_key: state.apiKey,
  requests: Array.from({ length: SIZE }, () => {
    n += 1;
    return { service_code: services[n % services.length]!.service_code, description: `省平台转办：路灯不亮，请尽快处理（剖析 ${n}）。`, address_string: `${state.areas[n % state.areas.length]}人民路${n % 300}号`, last_name: '王', first_name: '某', phone: `139${String(20_000_000 + n).slice(-8)}` };
  }),
});
const post = async () => {
  const answer = await app.inject({ method: 'POST', url: '/api/public/open311/v2/requests/batch.json', payload: body() });
  if (answer.statusCode !== 200) throw new Error(answer.body.slice(0, 300));
};
await post();
recording = [];
timed = [];
const callStarted = performance.now();
await post();
const callMs = performance.now() - callStarted;
console.log(`one call of ${SIZE}: ${recording.filter((text) => !/^\s*(begin|commit|rollback)\b/i.test(text)).length} statements (BEGIN/COMMIT apart), ${callMs.toFixed(0)} ms alone, of which waiting on the database ${timed.reduce((sum, item) => sum + item.ms, 0).toFixed(0)} ms:`);
for (const item of timed) console.log(`  ${item.ms.toFixed(1).padStart(7)} ms  ${item.text.slice(0, 110)}`);
recording = undefined;
timed = undefined;

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
buildingOn = true;
const startedAt = performance.now();
let next = 0;
await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
  while (next < CALLS) {
    next += 1;
    await post();
  }
}));
const ms = performance.now() - startedAt;
buildingOn = false;
const { profile } = await session.post('Profiler.stop');
const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples?.length ?? 1);
const counts = new Map<number, number>();
for (const id of profile.samples ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
const self = new Map<string, number>();
const byPlace = new Map<string, number>();
for (const node of profile.nodes) {
  const { functionName, url: file, lineNumber } = node.callFrame;
  const us = (counts.get(node.id) ?? 0) * interval;
  const key = `${functionName || '(anonymous)'} ${file.replace(/^.*\/(node_modules|server|scripts)\//, '$1/')}:${lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + us);
  const place = file.includes('node_modules/') ? `npm ${file.split('node_modules/').pop()!.split('/').slice(0, file.includes('node_modules/@') ? 2 : 1).join('/')}` : file.includes('/server/src/') ? `ours ${file.split('/server/src/')[1]!}` : file ? 'node' : functionName || '(other)';
  byPlace.set(place, (byPlace.get(place) ?? 0) + us);
}
// Inclusive time of our own functions (self and everything they called synchronously): which step builds what.
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const total = new Map<number, number>();
const totalOf = (id: number): number => {
  if (total.has(id)) return total.get(id)!;
  const node = byId.get(id)!;
  const sum = (counts.get(id) ?? 0) * interval + (node.children ?? []).reduce((acc, child) => acc + totalOf(child), 0);
  total.set(id, sum);
  return sum;
};
const inclusive = new Map<string, number>();
const walk = (id: number, seen: Set<string>) => {
  const node = byId.get(id)!;
  const { functionName, url: file, lineNumber } = node.callFrame;
  const key = file.includes('/server/src/') ? `${functionName || '(anonymous)'} ${file.split('/server/src/')[1]}:${lineNumber + 1}` : '';
  const counted = key !== '' && !seen.has(key);
  if (counted) inclusive.set(key, (inclusive.get(key) ?? 0) + totalOf(id));
  const next = counted ? new Set([...seen, key]) : seen;
  for (const child of node.children ?? []) walk(child, next);
};
walk(profile.nodes[0]!.id, new Set());
const tickets = CALLS * SIZE;
console.log(`${CALLS} calls of ${SIZE}, ${CONCURRENCY} at a time: ${((tickets / ms) * 1000).toFixed(0)} tickets/s in one process (${(ms / CALLS).toFixed(0)} ms a call)`);
console.log('By place (self time, ms a ticket):');
for (const [place, us] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(us / 1000 / tickets).toFixed(3).padStart(7)}  ${place}`);
console.log('By function (self time, ms a ticket):');
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(us / 1000 / tickets).toFixed(3).padStart(7)}  ${key}`);
console.log('Statements built by drizzle (ms a call, parameters a call):');
for (const [key, item] of [...building].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12)) console.log(`${(item.ms / CALLS).toFixed(2).padStart(7)} ms ${String(Math.round(item.params / CALLS)).padStart(6)}  ${key}`);
console.log('Our functions, inclusive (ms a ticket):');
for (const [key, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(us / 1000 / tickets).toFixed(3).padStart(7)}  ${key}`);
await app.close();
await database.close();
