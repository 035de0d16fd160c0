/**
 * Benchmark (`node --import tsx scripts/bench.ts`): Fuban's transitions and ledger pages at scale,
 * each beside the raw floor of this machine measured in the same run. Not a test: it prints figures.
 *
 * 1. A fresh PostgreSQL database, migrated; 100,000 领导批示件 with 1,000,000 hash-chained trail events
 *    bulk-loaded (scripts/bench/load-data.ts), VACUUM ANALYZE, the trails verified.
 * 2. The real server (`node --import tsx server/src/main.ts`, production mode) and the floor
 *    (scripts/bench/floor-server.ts: bare Fastify + one pg pool of the same size) as two processes.
 * 3. A closed-loop loopback load generator (scripts/bench/load-generator.ts) at a fixed concurrency:
 *    ours and the floor alternate, ≥ 3 rounds, medians reported, with ratios ours / floor.
 *
 * `npm run bench -- --quick`: the same table on 20,000 cases and 200,000 events with shorter runs (writes 3 s,
 * reads 1.5 s, warm-up 1 s; the 200 sampled trails verified, not all of them), in under 3 minutes — a check of
 * each change, not the figures of record.
 *
 * Environment: BENCH_DATABASE_URL (or TEST_DATABASE_URL; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_CASES, BENCH_EVENTS, BENCH_CONCURRENCY (32), BENCH_ROUNDS (3), BENCH_WRITE_MS (8000), BENCH_READ_MS (5000),
 * BENCH_KEEP=1 keeps the database, BENCH_LOAD_ONLY=1 loads and keeps it without measuring (for EXPLAIN),
 * BENCH_SKIP_VERIFY=1 skips the full `fuban verify-trail`.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { loadCalendar } from '../server/src/engine/calendar/calendar.service.js';
import { verifyCaseTrail } from '../server/src/engine/cases/trail.js';
import { runReminderSweep } from '../server/src/engine/reminders/sweep.js';
import { ensureSecurityPolicy } from '../server/src/modules/security/security.service.js';
import { readConfig } from '../server/src/platform/config.js';
import { loadTrailKey } from '../server/src/platform/trail-key.js';
import { openDatabase } from '../server/src/platform/db.js';
import { describeEveryMetric, timeEveryMetric } from './bench/metrics-year.js';
import { loadBenchData, type BenchTarget } from './bench/load-data.js';
import { runLoad, type BenchRequest, type LoadResult } from './bench/load-generator.js';
import { call, freePort, spawnServer, type Proc } from './bench/processes.js';
import { serverArgs } from './server-args.mjs';

const root = path.resolve(import.meta.dirname, '..');
const startedAt = Date.now();
const env = process.env;
const adminUrl = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const QUICK = process.argv.includes('--quick');
const CASES = Number(env.BENCH_CASES ?? (QUICK ? 20_000 : 100_000));
const EVENTS = Number(env.BENCH_EVENTS ?? (QUICK ? 200_000 : 1_000_000));
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 32);
const ROUNDS = Math.max(3, Number(env.BENCH_ROUNDS ?? 3));
const WRITE_MS = Number(env.BENCH_WRITE_MS ?? (QUICK ? 3_000 : 8_000));
const READ_MS = Number(env.BENCH_READ_MS ?? (QUICK ? 1_500 : 5_000));
const WARMUP_MS = QUICK ? 1_000 : 2_000;
const POOL = Number(env.FUBAN_DB_POOL ?? 10);
const TIME_LIMIT_MS = 9.5 * 60_000;

const dbName = `fuban_bench_${process.pid}`;
const dbUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();
const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------- statistics

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

type Measure = { key: string; label: string; side: 'ours' | 'floor'; durationMs: number; next: (worker: number) => BenchRequest | undefined; onAnswer?: (worker: number, request: BenchRequest, status: number, body: string) => boolean };

const runs = new Map<string, LoadResult[]>();
const processes: Proc[] = [];
const dropDatabase = async () => {
  const dropper = new pg.Client({ connectionString: adminUrl });
  await dropper.connect();
  await dropper.query(`drop database if exists ${dbName} with (force)`);
  await dropper.end();
};

const measure = async (item: Measure, port: number, durationMs = item.durationMs, record = true): Promise<LoadResult> => {
  const result = await runLoad({ port, concurrency: CONCURRENCY, durationMs, next: item.next, ...(item.onAnswer ? { onAnswer: item.onAnswer } : {}), maxRequests: 2_000_000 });
  if (record) {
    const list = runs.get(item.key) ?? [];
    list.push(result);
    runs.set(item.key, list);
    log(
      `  ${item.side === 'ours' ? 'ours ' : 'floor'} ${item.label.padEnd(34)} ${result.perSecond.toFixed(0).padStart(6)} req/s   p50 ${result.p50.toFixed(1).padStart(6)} ms   p95 ${result.p95.toFixed(1).padStart(6)} ms` +
        (result.errors ? `   ${result.errors} errors (first: ${result.firstError})` : ''),
    );
  }
  return result;
};

// ---------------------------------------------------------------- main

const main = async () => {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const [{ version: pgVersion }] = (await admin.query<{ version: string }>('select version()')).rows as [{ version: string }];
  const settings = (await admin.query<{ name: string; setting: string; unit: string | null }>(
    `select name, setting, unit from pg_settings where name in ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections', 'work_mem')`,
  )).rows;
  await admin.query(`create database ${dbName}`);
  await admin.end();
  let keep = env.BENCH_KEEP === '1';
  try {
    log(`Benchmark${QUICK ? ' (--quick)' : ''} — database ${dbName}`);
    log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${pgVersion.split(' on ')[0]}; load average before the run ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')}`);
    log(`PostgreSQL settings: ${settings.map((row) => `${row.name}=${row.setting}${row.unit ?? ''}`).join(', ')}`);
    log(`Load: ${CONCURRENCY} concurrent keep-alive connections, closed loop, no pipelining; pool ${POOL} per server process; ${ROUNDS} rounds; writes ${seconds(WRITE_MS)}, reads ${seconds(READ_MS)} per run; loopback only\n`);

    // 1. Data.
    loadTrailKey({ envKey: process.env.FUBAN_TRAIL_KEY, dataDir: readConfig().dataDir }); // the servers' key: same data directory or FUBAN_TRAIL_KEY
    const database = await openDatabase({ databaseUrl: dbUrl, dataDir: '' });
    await ensureSecurityPolicy({ db: database.db });
    const calendar = await loadCalendar({ db: database.db });
    const now = new Date();
    log(`Loading ${CASES.toLocaleString('en')} cases and ${EVENTS.toLocaleString('en')} events…`);
    let phase = Date.now();
    const data = await loadBenchData({ url: dbUrl, calendar, caseCount: CASES, eventCount: EVENTS, now, log });
    const loadMs = Date.now() - phase;
    log(`  loaded in ${seconds(loadMs)}: ${Object.entries(data.counts).map(([name, n]) => `${n.toLocaleString('en')} ${name}`).join(', ')}`);
    phase = Date.now();
    const maintenance = new pg.Client({ connectionString: dbUrl });
    await maintenance.connect();
    await maintenance.query('vacuum analyze');
    const size = (await maintenance.query<{ size: string }>('select pg_size_pretty(pg_database_size(current_database())) as size')).rows[0]!.size;
    log(`  vacuum analyze ${seconds(Date.now() - phase)}; database size ${size}`);

    const sample = Array.from({ length: 200 }, (_, index) => data.caseIds[Math.floor((index * data.caseIds.length) / 200)]!);
    for (const caseId of sample) {
      const broken = await verifyCaseTrail(database.db, caseId);
      if (broken) throw new Error(`loaded trail of ${caseId} is broken at seq ${broken.seq}: ${broken.reason}`);
    }
    log('  trails of 200 sampled cases verified with verifyCaseTrail');
    let verifyMs: number | null = null;
    if (env.BENCH_SKIP_VERIFY !== '1' && !QUICK) {
      phase = Date.now();
      const verified = spawnSync('npm', ['run', '-s', 'fuban', '--', 'verify-trail'], { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, encoding: 'utf8', timeout: 180_000 });
      verifyMs = Date.now() - phase;
      log(`  fuban verify-trail: exit ${verified.status} in ${seconds(verifyMs)} — ${(verified.stdout + verified.stderr).trim().split('\n')[0]}`);
      if (verified.status !== 0) throw new Error('the loaded data does not verify');
    }
    phase = Date.now();
    const sweep = await runReminderSweep({ db: database.db, now: new Date() });
    const sweepMs = Date.now() - phase;
    log(`  one 催办 sweep over the loaded data: ${seconds(sweepMs)} (ran ${sweep.ran}, ${sweep.statusChanges} status changes, ${sweep.reminders} reminders — 0 and 0 mean the data is as the sweep leaves it)`);
    await database.close();
    if (env.BENCH_LOAD_ONLY === '1') {
      keep = true;
      await maintenance.end();
      return;
    }

    // 2. The two servers.
    const ours = await spawnServer(
      'fuban server',
      serverArgs,
      { DATABASE_URL: dbUrl, PORT: String(await freePort()), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', FUBAN_DB_POOL: String(POOL) },
      /已启动：http:\/\/127\.0\.0\.1:(\d+)/,
    );
    processes.push(ours);
    const floor = await spawnServer('floor', ['--import', 'tsx', 'scripts/bench/floor-server.ts'], { DATABASE_URL: dbUrl, PORT: '0', FUBAN_DB_POOL: String(POOL) }, /floor listening on (\d+)/);
    processes.push(floor);
    // Let the server's start-time sweep finish before measuring.
    for (let quiet = 0, tries = 0; quiet < 5 && tries < 600; tries += 1) {
      const { rows } = await maintenance.query<{ n: number }>(`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = 7262027`);
      quiet = rows[0]!.n === 0 ? quiet + 1 : 0;
      await sleep(100);
    }

    const login = await call(ours.port, 'POST', '/api/auth/login', data.clerk);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (login.status !== 200 || !cookie.startsWith('fuban_sid=')) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.json)}`);
    const headers = { cookie };
    // A 联络员 of the unit with the most work: their ledger is unit-scoped by visibility alone.
    const liaisonLogin = await call(ours.port, 'POST', '/api/auth/login', data.liaison);
    const liaisonCookie = (liaisonLogin.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (liaisonLogin.status !== 200 || !liaisonCookie.startsWith('fuban_sid=')) throw new Error(`liaison login failed: ${liaisonLogin.status} ${JSON.stringify(liaisonLogin.json)}`);
    const liaisonHeaders = { cookie: liaisonCookie };

    // Cursors of ledger pages 2–51, walked the way a user pages.
    const cursors: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const result = await call(ours.port, 'GET', `/api/cases?kind=instruction&limit=20${cursor ? `&cursor=${cursor}` : ''}`, undefined, cookie);
      cursor = (result.json?.nextCursor as string | null) ?? null;
      if (!cursor) break;
      cursors.push(cursor);
    }
    const serialToFind = ((await call(ours.port, 'GET', `/api/cases?kind=instruction&limit=20&cursor=${cursors[cursors.length - 1]}`, undefined, cookie)).json?.items as Array<{ serialNo: string }>)[7]!.serialNo;
    // The serial search must find its case, or the row below measures an empty answer (the loader once left 编号 out of
    // the search text, and the figure looked like a search).
    const found = (await call(ours.port, 'GET', `/api/cases?kind=instruction&limit=20&q=${encodeURIComponent(serialToFind)}`, undefined, cookie)).json?.items as Array<{ serialNo: string }> | undefined;
    if (!found?.some((item) => item.serialNo === serialToFind)) throw new Error(`the search for ${serialToFind} does not find its case`);

    // 3. What is measured.
    const slices: BenchTarget[][] = Array.from({ length: CONCURRENCY }, () => []);
    data.targets.forEach((target, index) => slices[index % CONCURRENCY]!.push(target));
    const uses = new Map<BenchTarget, number>();
    const cursorOf = new Map<number, number>();
    const inFlight = new Map<number, BenchTarget>();
    const transitions: Measure = {
      key: 'transition',
      label: 'transition: POST …/actions/extend',
      side: 'ours',
      durationMs: WRITE_MS,
      next: (worker) => {
        const slice = slices[worker]!;
        if (slice.length === 0) return undefined;
        const position = (cursorOf.get(worker) ?? 0) % slice.length;
        cursorOf.set(worker, position + 1);
        const target = slice[position]!;
        inFlight.set(worker, target);
        return {
          method: 'POST',
          path: `/api/cases/${target.caseId}/actions/extend`,
          headers,
          body: { version: target.version, assignmentId: target.assignmentId, extension: { amount: 1, reason: '基准测试：申请延期' } },
        };
      },
      onAnswer: (worker, _request, _status, body) => {
        const target = inFlight.get(worker)!;
        target.version = (JSON.parse(body) as { version: number }).version;
        const used = (uses.get(target) ?? 0) + 1;
        uses.set(target, used);
        if (used >= 2) {
          // The rule allows two extensions: this one is spent.
          const slice = slices[worker]!;
          slice.splice(slice.indexOf(target), 1);
          cursorOf.set(worker, Math.max(0, (cursorOf.get(worker) ?? 1) - 1));
        }
        return true;
      },
    };
    let writes = 0;
    const floorWrite: Measure = { key: 'floor-write', label: 'write: BEGIN; INSERT; COMMIT', side: 'floor', durationMs: WRITE_MS, next: () => ({ method: 'POST', path: '/write', body: { n: (writes += 1) } }) };
    let reads = 0;
    const floorRead: Measure = {
      key: 'floor-read',
      label: 'read: one primary-key SELECT',
      side: 'floor',
      durationMs: READ_MS,
      next: () => ({ method: 'GET', path: `/pk/${data.caseIds[(reads += 7919) % data.caseIds.length]}` }),
    };
    let turn = 0;
    const page = (key: string, label: string, path: () => string, as = headers): Measure => ({ key, label, side: 'ours', durationMs: READ_MS, next: () => ({ method: 'GET', path: path(), headers: as }) });
    const ledger = (key: string, label: string, query: () => string, as = headers): Measure => page(key, label, () => `/api/cases?kind=instruction&limit=20${query()}`, as);
    const ledgers = [
      ledger('ledger-first', 'ledger: first page', () => ''),
      ledger('ledger-filtered', 'ledger: 办理中 + 逾期 filter', () => '&state=handling&due=red'),
      ledger('ledger-unit', 'ledger: one unit’s cases', () => `&unit=${data.unitIds[(turn += 1) % data.unitIds.length]}`),
      ledger('ledger-idle-unit', 'ledger: a unit with no cases', () => `&unit=${data.idleUnitIds[(turn += 1) % data.idleUnitIds.length]}`),
      ledger('ledger-cursor', 'ledger: cursor page (2–51)', () => `&cursor=${cursors[(turn += 1) % cursors.length]}`),
      ledger('ledger-word', `ledger: search a word (${data.searchTerm})`, () => `&q=${encodeURIComponent(data.searchTerm)}`),
      ledger('ledger-search', 'ledger: search by serial no.', () => `&q=${encodeURIComponent(serialToFind)}`),
      ledger('ledger-liaison', '联络员 ledger (own unit, first page)', () => '', liaisonHeaders),
      page('liaison-inbox', '联络员 待办: GET /api/inbox?limit=50 (the page the web asks for)', () => '/api/inbox?limit=50&offset=0', liaisonHeaders),
      page('case-detail', 'case detail: GET /api/cases/:id', () => `/api/cases/${data.caseIds[(turn += 7919) % data.caseIds.length]}`),
      page('metric', 'metric: instructions.tracked', () => '/api/metrics/instructions.tracked'),
    ];

    log(`\nWarm-up (${seconds(WARMUP_MS)} each)…`);
    for (const item of [transitions, floorWrite, ...ledgers, floorRead]) {
      const result = await measure(item, item.side === 'ours' ? ours.port : floor.port, WARMUP_MS, false);
      if (result.errors) throw new Error(`${item.label}: ${result.errors} errors in the warm-up, first: ${result.firstError}`);
    }

    for (let round = 1; round <= ROUNDS; round += 1) {
      if (Date.now() - startedAt > TIME_LIMIT_MS - 2 * (2 * WRITE_MS + (ledgers.length + 1) * READ_MS)) {
        log(`\nStopping after ${round - 1} rounds to stay within the time limit`);
        break;
      }
      log(`\nRound ${round} of ${ROUNDS}${round % 2 === 0 ? ' (floor first)' : ''}`);
      const pairs: Array<[Measure, Measure[]]> = [
        [floorWrite, [transitions]],
        [floorRead, ledgers],
      ];
      for (const [floorItem, oursItems] of pairs) {
        const order = round % 2 === 0 ? [floorItem, ...oursItems] : [...oursItems, floorItem];
        for (const item of order) await measure(item, item.side === 'ours' ? ours.port : floor.port);
      }
    }

    // 4. The table.
    const med = (key: string, pick: (result: LoadResult) => number) => median((runs.get(key) ?? []).map(pick));
    const rows: string[] = [];
    const row = (label: string, key: string, floorKey: string) => {
      const oursRate = med(key, (r) => r.perSecond);
      const floorRate = med(floorKey, (r) => r.perSecond);
      rows.push(
        `| ${label} | ${oursRate.toFixed(0)} | ${med(key, (r) => r.p50).toFixed(1)} / ${med(key, (r) => r.p95).toFixed(1)} | ${floorRate.toFixed(0)} | ${med(floorKey, (r) => r.p50).toFixed(1)} / ${med(floorKey, (r) => r.p95).toFixed(1)} | ${((oursRate / floorRate) * 100).toFixed(1)} % |`,
      );
    };
    row('transition (extend) vs BEGIN/INSERT/COMMIT', 'transition', 'floor-write');
    for (const item of ledgers) row(`${item.label} vs PK SELECT`, item.key, 'floor-read');
    const errors = [...runs.values()].flat().reduce((sum, result) => sum + result.errors, 0);
    const spent = [...uses.values()].reduce((sum, n) => sum + n, 0);

    log(`\n## Results (median of ${runs.get('transition')?.length ?? 0} runs each; ours and floor alternated)\n`);
    log('| measure | ours req/s | ours p50 / p95 ms | floor req/s | floor p50 / p95 ms | ours / floor (req/s) |');
    log('|---|---:|---:|---:|---:|---:|');
    for (const line of rows) log(line);
    const rate = (key: string) => med(key, (r) => r.perSecond);
    log(`\n联络员 ledger / office ledger (first page): ${((rate('ledger-liaison') / rate('ledger-first')) * 100).toFixed(1)} % req/s; p95 ${med('ledger-liaison', (r) => r.p95).toFixed(1)} vs ${med('ledger-first', (r) => r.p95).toFixed(1)} ms`);
    // Issue 16's figure on this data: the whole catalogue for the loaded year with most cases, as the statistics page asks.
    const metricsDatabase = await openDatabase({ databaseUrl: dbUrl, dataDir: '' });
    try {
      log(describeEveryMetric(await timeEveryMetric({ db: metricsDatabase.db, year: now.getFullYear() }), { verbose: false }).join('\n'));
    } finally {
      await metricsDatabase.close();
    }
    log('');
    log(`- Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, ${pgVersion.split(' on ')[0]}; load generator, both servers and PostgreSQL share these cores.`);
    log(`- Load: ${CONCURRENCY} connections, closed loop (each sends its next request when the last is answered), keep-alive, no pipelining; pool ${POOL}; writes ${seconds(WRITE_MS)}, reads ${seconds(READ_MS)} per run, ${seconds(WARMUP_MS)} warm-up each.`);
    log(`- Data: ${data.counts.cases?.toLocaleString('en')} cases, ${data.counts.events?.toLocaleString('en')} events, ${data.counts.assignments?.toLocaleString('en')} assignments, ${data.counts['work items']?.toLocaleString('en')} 待办, ${data.counts.notifications?.toLocaleString('en')} notifications; ${size}. Loaded in ${seconds(loadMs)}${verifyMs === null ? '' : `; \`fuban verify-trail\` over all of it ${seconds(verifyMs)}`}; one 催办 sweep ${seconds(sweepMs)} (the server sweeps every minute, also during the runs).`);
    log(`- Transitions: each is a real 延期 on a different 交办 (lead unit of an open case, ≤ 2 per the rule); ${spent.toLocaleString('en')} done, ${data.targets.length * 2 - spent} left. Server with LOG_LEVEL=warn, NODE_ENV=production.`);
    log(`- Errors (non-2xx or failed) during measured runs: ${errors}. Load average at the end ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')} (other work on the machine depresses all figures; compare the ratios).`);
    log(`\nAll runs:`);
    for (const [key, list] of runs) log(`  ${key.padEnd(16)} ${list.map((result) => `${result.perSecond.toFixed(0)}/s p50 ${result.p50.toFixed(1)} p95 ${result.p95.toFixed(1)}`).join(' | ')}`);
    const oursOutput = ours.output();
    if (/error|失败/i.test(oursOutput)) log(`\nServer output mentioned errors:\n${oursOutput.split('\n').filter((line) => /error|失败/i.test(line)).slice(0, 10).join('\n')}`);
    await maintenance.end();
    if (errors > 0) process.exitCode = 1;
  } catch (error) {
    process.exitCode = 1;
    console.error('\nbenchmark failed:', error);
    for (const proc of processes) console.error(`\n${proc.name} output (last lines):\n${proc.output().split('\n').slice(-20).join('\n')}`);
    keep = keep || env.BENCH_KEEP_ON_FAILURE === '1';
  } finally {
    for (const proc of processes) await proc.stop();
    if (!keep) await dropDatabase();
    else log(`\nKept database ${dbName}`);
    log(`\nTotal time ${seconds(Date.now() - startedAt)}`);
  }
};

// Whatever ends this process, the servers it started go with it.
process.on('exit', () => {
  for (const proc of processes) proc.child.kill('SIGKILL');
});
const guard = setTimeout(() => {
  console.error('benchmark exceeded 10 minutes; stopping');
  for (const proc of processes) proc.child.kill('SIGKILL');
  const exit = setTimeout(() => process.exit(2), 5_000);
  void dropDatabase().finally(() => {
    clearTimeout(exit);
    process.exit(2);
  });
}, 10 * 60_000);
guard.unref();
await main();
process.exit(process.exitCode ?? 0);
