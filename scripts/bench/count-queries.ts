/**
 * Statements per request (`node --import tsx scripts/bench/count-queries.ts`): how many round trips one
 * transition, one ledger page, the 待办 inbox, a case detail and a metric cost, through the real routes
 * (buildApp + inject) on PostgreSQL. Every `pg` Client.query is counted, BEGIN and COMMIT included; the
 * round trips, not the time, are what this prints (the time of one request on a quiet database is noise).
 *
 * A fresh database with the bench's data (scripts/bench/load-data.ts, 2,000 cases by default), dropped at the end.
 * Environment: BENCH_DATABASE_URL (or TEST_DATABASE_URL; default postgres://postgres@127.0.0.1:5432/postgres),
 * COUNT_CASES (2000), COUNT_TRACE=1 prints each statement.
 */
import pg from 'pg';
import { buildApp } from '../../server/src/app.js';
import { loadCalendar } from '../../server/src/engine/calendar/calendar.service.js';
import { ensureSecurityPolicy } from '../../server/src/modules/security/security.service.js';
import { readConfig } from '../../server/src/platform/config.js';
import { openDatabase } from '../../server/src/platform/db.js';
import { loadTrailKey } from '../../server/src/platform/trail-key.js';
import { loadBenchData } from './load-data.js';

const adminUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const CASES = Number(process.env.COUNT_CASES ?? 2_000);
const TRACE = process.env.COUNT_TRACE === '1';
const dbName = `fuban_count_${process.pid}`;
const dbUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();

let statements: string[] | undefined;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const seen = statements;
  const text = String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text).replace(/\s+/g, ' ');
  const startedAt = performance.now();
  const result = (query as (...rest: unknown[]) => unknown).apply(this, args);
  // With COUNT_TRACE=1 each statement is printed with the time to its answer.
  if (seen) void Promise.resolve(result).finally(() => seen.push(`${(performance.now() - startedAt).toFixed(1).padStart(6)} ms  ${text}`));
  return result;
} as typeof query;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
try {
  loadTrailKey({ envKey: process.env.FUBAN_TRAIL_KEY, dataDir: readConfig().dataDir });
  const database = await openDatabase({ databaseUrl: dbUrl, dataDir: '' });
  await ensureSecurityPolicy({ db: database.db });
  const calendar = await loadCalendar({ db: database.db });
  const data = await loadBenchData({ url: dbUrl, calendar, caseCount: CASES, eventCount: CASES * 10, now: new Date(), log: () => undefined });
  const app = await buildApp({ db: database.db, databaseKind: 'postgres', config: { ...readConfig({}), isProduction: false, isPreviewPrerendered: false }, clock: () => new Date(), logger: process.env.COUNT_LOG === '1' });
  await app.ready();
  const login = async (credentials: { username: string; password: string }) => {
    const answer = await app.inject({ method: 'POST', url: '/api/auth/login', payload: credentials });
    if (answer.statusCode !== 200) throw new Error(`login: ${answer.statusCode} ${answer.body}`);
    return String(answer.headers['set-cookie']).split(';')[0]!;
  };
  const clerk = await login(data.clerk);
  const liaison = await login(data.liaison);

  /** Runs the request twice (the first warms the process's caches) and counts the second. */
  const count = async (label: string, request: () => { method: 'GET' | 'POST'; url: string; cookie: string; payload?: unknown }, warm = true) => {
    if (warm) await app.inject({ ...request(), headers: { cookie: request().cookie } } as never);
    statements = [];
    const { method, url, cookie, payload } = request();
    const answer = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload: payload as object } : {}) });
    const seen = statements;
    statements = undefined;
    if (answer.statusCode >= 300) throw new Error(`${label}: ${answer.statusCode} ${answer.body.slice(0, 300)}`);
    console.log(`${label.padEnd(40)} ${String(seen.length).padStart(3)} statements`);
    if (TRACE) for (const text of seen) console.log(`    ${text.slice(0, 220)}`);
    return answer;
  };

  const firstPage = await count('ledger: first page', () => ({ method: 'GET', url: '/api/cases?kind=instruction&limit=20', cookie: clerk }));
  const cursor = (firstPage.json() as { nextCursor: string }).nextCursor;
  await count('ledger: cursor page', () => ({ method: 'GET', url: `/api/cases?kind=instruction&limit=20&cursor=${cursor}`, cookie: clerk }));
  await count('ledger: 办理中 + 逾期', () => ({ method: 'GET', url: '/api/cases?kind=instruction&limit=20&state=handling&due=red', cookie: clerk }));
  await count('ledger: one unit', () => ({ method: 'GET', url: `/api/cases?kind=instruction&limit=20&unit=${data.unitIds[0]}`, cookie: clerk }));
  await count('ledger: word search', () => ({ method: 'GET', url: `/api/cases?kind=instruction&limit=20&q=${encodeURIComponent(data.searchTerm)}`, cookie: clerk }));
  await count('联络员 ledger', () => ({ method: 'GET', url: '/api/cases?kind=instruction&limit=20', cookie: liaison }));
  await count('联络员 待办', () => ({ method: 'GET', url: '/api/inbox?limit=50&offset=0', cookie: liaison }));
  await count('case detail', () => ({ method: 'GET', url: `/api/cases/${data.caseIds[7]}`, cookie: clerk }));
  await count('metric', () => ({ method: 'GET', url: '/api/metrics/instructions.tracked', cookie: clerk }));
  // Two transitions on different cases: the first warms the calendar and settings, the second is counted.
  const [warmTarget, target] = data.targets as [(typeof data.targets)[0], (typeof data.targets)[0]];
  const extend = (which: typeof target) => ({
    method: 'POST' as const,
    url: `/api/cases/${which.caseId}/actions/extend`,
    cookie: clerk,
    payload: { version: which.version, assignmentId: which.assignmentId, extension: { amount: 1, reason: '计数：申请延期' } },
  });
  await count('(warm-up transition)', () => extend(warmTarget), false);
  await count('transition: extend', () => extend(target), false);
  await app.close();
  await database.close();
} finally {
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
