/**
 * Where a transition's time goes in the server process (`node --cpu-prof --import tsx scripts/bench/profile-actions.ts`):
 * the bench's data (2,000 cases), then PROFILE_ACTIONS (300) 延期 through the real routes (buildApp + inject), one at a
 * time (PROFILE_WHAT=ledger: the ledger's first page instead); prints the functions with the most self time.
 * PROFILE_OUT=file keeps the window's profile. Environment as scripts/bench/count-queries.ts.
 */
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import { buildApp } from '../../server/src/app.js';
import { loadCalendar } from '../../server/src/engine/calendar/calendar.service.js';
import { ensureSecurityPolicy } from '../../server/src/modules/security/security.service.js';
import { readConfig } from '../../server/src/platform/config.js';
import { openDatabase } from '../../server/src/platform/db.js';
import { loadTrailKey } from '../../server/src/platform/trail-key.js';
import { loadBenchData } from './load-data.js';

const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ACTIONS = Number(process.env.PROFILE_ACTIONS ?? 300);
const dbName = `fuban_profile_${process.pid}`;
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
try {
  loadTrailKey({ envKey: process.env.FUBAN_TRAIL_KEY, dataDir: readConfig().dataDir });
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  await ensureSecurityPolicy({ db: database.db });
  const calendar = await loadCalendar({ db: database.db });
  const data = await loadBenchData({ url: url.toString(), calendar, caseCount: 2_000, eventCount: 20_000, now: new Date(), log: () => undefined });
  const app = await buildApp({ db: database.db, databaseKind: 'postgres', config: { ...readConfig({}), isProduction: false, isPreviewPrerendered: false }, clock: () => new Date(), logger: false });
  await app.ready();
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: data.clerk });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const extend = (index: number) => {
    const target = data.targets[index % data.targets.length]!;
    return app.inject({ method: 'POST', url: `/api/cases/${target.caseId}/actions/extend`, headers: { cookie }, payload: { version: target.version, assignmentId: target.assignmentId, extension: { amount: 1, reason: '剖析' } } }).then((answer) => {
      if (answer.statusCode !== 200) throw new Error(answer.body);
      target.version = (answer.json() as { version: number }).version;
    });
  };
  // PROFILE_WHAT=ledger profiles the ledger's first page instead (the office clerk's GET /api/cases).
  const ledger = () => app.inject({ method: 'GET', url: '/api/cases?kind=instruction&limit=20', headers: { cookie } }).then((answer) => {
    if (answer.statusCode !== 200) throw new Error(answer.body);
  });
  const one = process.env.PROFILE_WHAT === 'ledger' ? (_index: number) => ledger() : extend;
  for (let index = 0; index < 20; index += 1) await one(index);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const startedAt = performance.now();
  for (let index = 20; index < 20 + ACTIONS; index += 1) await one(index);
  const ms = performance.now() - startedAt;
  const { profile } = await session.post('Profiler.stop');
  // PROFILE_OUT=file.cpuprofile keeps the window's profile (open it in Chrome DevTools for the call tree).
  if (process.env.PROFILE_OUT) fs.writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
  const self = new Map<string, number>();
  const interval = (profile.endTime - profile.startTime) / Math.max(1, profile.samples?.length ?? 1);
  const counts = new Map<number, number>();
  for (const id of profile.samples ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const node of profile.nodes) {
    const { functionName, url: file, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${file.replace(/^.*\/(node_modules|server|scripts)\//, '$1/')}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (counts.get(node.id) ?? 0) * interval);
  }
  // The same self time by where the code lives (a package, or a folder of ours): what a change could win.
  const byPlace = new Map<string, number>();
  for (const node of profile.nodes) {
    const file = node.callFrame.url;
    const place = file.includes('node_modules/') ? `npm ${file.split('node_modules/').pop()!.split('/').slice(0, file.includes('node_modules/@') ? 2 : 1).join('/')}` : file.includes('/server/src/') ? `ours ${file.split('/server/src/')[1]!}` : file ? 'node' : node.callFrame.functionName || '(other)';
    byPlace.set(place, (byPlace.get(place) ?? 0) + (counts.get(node.id) ?? 0) * interval);
  }
  console.log(`${ACTIONS} 延期 one at a time: ${(ms / ACTIONS).toFixed(1)} ms each (database and process together)`);
  console.log('By place (self time):');
  for (const [place, us] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(us / 1000 / ACTIONS).toFixed(2).padStart(7)} ms/action  ${place}`);
  console.log('By function (self time):');
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(us / 1000 / ACTIONS).toFixed(2).padStart(7)} ms/action  ${key}`);
  await app.close();
  await database.close();
} finally {
  await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
  await admin.end();
}
