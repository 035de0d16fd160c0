/**
 * 12345 at a city's scale (`npm run bench:hotline`): N tickets over three years loaded by COPY into a fresh
 * PostgreSQL database (scripts/bench/hotline/), then the real server and the raw floor (bare Fastify + one pg
 * pool, scripts/bench/floor-server.ts) as processes, measured in the same run, alternating, medians of 3:
 * - the agents' ledger (GET /api/hotline/tickets): first page, and a filtered page (a 街乡 and a type);
 * - a month of 三率 (GET /api/hotline/rates: every unit's month, ranked — a unit's row among them);
 * - a year of every hotline metric (GET /api/metrics/:id for hotline.* and mailbox.*, all six at once, as the
 *   statistics page asks them; each with its 同比 year);
 * - intake through Open311 (POST /api/public/open311/v2/requests.json with the province platform's key), one request a
 *   call, and in bursts through Fuban's batch extension (POST …/requests/batch.json, BENCH_BATCH_SIZE requests a call):
 *   both in tickets a second.
 * Not a test: it prints figures with their targets (issue 15 item 9), the load time and size, and an
 * extrapolation to 10 million.
 *
 * `--tickets N` (default 10,000,000: about 120 GB of free disk under PostgreSQL is asked for first, and refused
 * without), `--quick` (100,000 tickets, short runs), `--threads T` (loading threads, default 2), `--keep` (keep the
 * database and a state file in the temp directory), `--load-only` (load, print, keep: for EXPLAIN), `--reuse FILE`
 * (measure a kept database again, migrated first to this code's schema — before/after a change on the same data). Environment: BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), BENCH_CONCURRENCY (read clients, 4), BENCH_INTAKE_CONCURRENCY
 * (32), BENCH_BATCH_CONCURRENCY (batch calls at once, 4), BENCH_BATCH_SIZE (100), BENCH_ROUNDS (3), BENCH_READ_MS, BENCH_WRITE_MS, FUBAN_DB_POOL (10).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { serverArgs } from './server-args.mjs';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const QUICK = args.includes('--quick');
const TICKETS_ASKED = Number(option('--tickets') ?? (QUICK ? 100_000 : 10_000_000));
const THREADS = Number(option('--threads') ?? 2);
const env = process.env;
const adminUrl = env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const READ_CLIENTS = Number(env.BENCH_CONCURRENCY ?? 4);
const INTAKE_CLIENTS = Number(env.BENCH_INTAKE_CONCURRENCY ?? 32);
const BATCH_CLIENTS = Number(env.BENCH_BATCH_CONCURRENCY ?? 4);
const BATCH_SIZE = Number(env.BENCH_BATCH_SIZE ?? 100);
const ROUNDS = Math.max(3, Number(env.BENCH_ROUNDS ?? 3));
const READ_MS = Number(env.BENCH_READ_MS ?? (QUICK ? 2_000 : 5_000));
const WRITE_MS = Number(env.BENCH_WRITE_MS ?? (QUICK ? 3_000 : 10_000));
const POOL = Number(env.FUBAN_DB_POOL ?? 10);
// The loader and both servers seal and encrypt with the same keys, and keep nothing in the worktree.
env.FUBAN_TRAIL_KEY ||= randomBytes(32).toString('hex');
env.FUBAN_PII_KEY ||= randomBytes(32).toString('hex');
env.FUBAN_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'fuban-bench-hotline-'));

const { openDatabase } = await import('../server/src/platform/db.js');
const { bindTrailKey, loadTrailKey } = await import('../server/src/platform/trail-key.js');
const { bindPersonalKey, loadPersonalKey } = await import('../server/src/engine/personal/personal-key.js');
const { registerAllKinds } = await import('../server/src/modules/kinds.js');
const { ensureSecurityPolicy } = await import('../server/src/modules/security/security.service.js');
const { loadHotline } = await import('./bench/hotline/load.js');
const { describeEveryMetric, timeEveryMetric } = await import('./bench/metrics-year.js');
const { runLoad } = await import('./bench/load-generator.js');
const { call, freePort, spawnServer } = await import('./bench/processes.js');
const { gib, median, printExtrapolation, printScaleOut, printTable } = await import('./bench/hotline/report.js');
const { HOTLINE_BENCH_PASSWORD } = await import('./bench/hotline/office.js');
type Figure = import('./bench/hotline/report.js').Figure;
type Proc = import('./bench/processes.js').Proc;
type BenchRequest = import('./bench/load-generator.js').BenchRequest;
type RunResult = import('./bench/load-generator.js').LoadResult;

const startedAt = Date.now();
/** What a kept database needs to be measured again (`--reuse FILE`): written beside it when it is kept. */
type BenchState = {
  dbName: string;
  tickets: number;
  loadMs: number;
  phases: Record<string, number>;
  trailKey: string;
  personalKey: string;
  agent: string;
  director: string;
  areas: string[];
  apiKey: string;
  sampleIds: string[];
};
const REUSE = option('--reuse');
const reused: BenchState | undefined = REUSE ? (JSON.parse(fs.readFileSync(REUSE, 'utf8')) as BenchState) : undefined;
if (reused) {
  env.FUBAN_TRAIL_KEY = reused.trailKey;
  env.FUBAN_PII_KEY = reused.personalKey;
}
const dbName = reused?.dbName ?? `fuban_bench_hotline_${process.pid}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const log = (line: string) => console.log(line);
const statePath = path.join(os.tmpdir(), `${dbName}.json`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const disk = () => execFileSync('df', ['-h', '--output=used,avail', '/work']).toString().trim().split('\n').pop()!.trim().replace(/\s+/, ' used, ') + ' free';
const processes: Proc[] = [];

const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};
const dropDatabase = () => admin((client) => client.query(`drop database if exists ${dbName} with (force)`));
const shanghaiToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const databaseSizes = async () => {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const total = Number((await client.query<{ n: string }>('select pg_database_size(current_database()) as n')).rows[0]!.n);
    const tables = (await client.query<{ name: string; bytes: string; indexes: string }>(
      `select relname as name, pg_total_relation_size(oid) as bytes, pg_indexes_size(oid) as indexes from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by pg_total_relation_size(oid) desc limit 6`,
    )).rows;
    return { total, tables };
  } finally {
    await client.end();
  }
};

/** A fresh database with TICKETS_ASKED tickets, as the bench state that measures it. */
const loadData = async (): Promise<BenchState> => {
  // 1. The data.
  const TICKETS = TICKETS_ASKED;
  registerAllKinds();
  const trailKey = loadTrailKey({ envKey: env.FUBAN_TRAIL_KEY, dataDir: env.FUBAN_DATA_DIR! });
  const personalKey = loadPersonalKey({ envKey: env.FUBAN_PII_KEY, dataDir: env.FUBAN_DATA_DIR! });
  const database = await openDatabase({ databaseUrl: dbUrl, dataDir: '' });
  await bindTrailKey({ db: database.db, source: trailKey.source });
  await bindPersonalKey({ db: database.db, source: personalKey.source });
  await ensureSecurityPolicy({ db: database.db });
  log(`\nLoading ${TICKETS.toLocaleString('en')} tickets (${THREADS} generating threads, COPY through psql)…`);
  const loadStarted = Date.now();
  const loaded = await loadHotline({ url: dbUrl, db: database.db, tickets: TICKETS, townships: 120, agents: 150, threads: THREADS, now: new Date(), log });
  const loadMs = Date.now() - loadStarted;
  await database.close();
  const sizes = await databaseSizes();
  const { phases } = loaded;
  log(`Loaded in ${seconds(loadMs)} (prepare ${seconds(phases.prepare!)}, generate + COPY ${seconds(phases.copy!)}, keys and indexes ${seconds(phases.indexes!)}, ANALYZE ${seconds(phases.analyze!)}, checks ${seconds(phases.verify!)})`);
  log(`Rows: ${Object.entries(loaded.rows).map(([table, n]) => `${table} ${n.toLocaleString('en')}`).join(', ')}`);
  log(`States: ${Object.entries(loaded.counts).filter(([key]) => key.startsWith('state ')).map(([key, n]) => `${key.slice(6)} ${n.toLocaleString('en')}`).join(', ')}; ${(loaded.counts.events! / TICKETS).toFixed(2)} events a ticket; ${(loaded.counts['duplicate links'] ?? 0).toLocaleString('en')} duplicate links`);
  log(`Database ${gib(sizes.total)} (${(sizes.total / TICKETS).toFixed(0)} bytes a ticket): ${sizes.tables.map((row) => `${row.name} ${gib(Number(row.bytes))} (indexes ${gib(Number(row.indexes))})`).join(', ')}; disk /work ${disk()}`);
  log(`Checked: the trails of ${loaded.sampleIds.length} sampled tickets verify (SM3 chain and seal); their search vectors equal to_tsvector('simple', …) of the app's words.`);
  printExtrapolation({ tickets: TICKETS, loadMs, copyMs: phases.copy!, indexMs: phases.indexes!, databaseBytes: sizes.total, log });
  return {
    dbName, tickets: TICKETS, loadMs, phases, trailKey: env.FUBAN_TRAIL_KEY!, personalKey: env.FUBAN_PII_KEY!,
    agent: loaded.office.agents[1]!.username, director: loaded.office.director.username,
    areas: loaded.office.townships.slice(0, 20).map((unit) => unit.name), apiKey: loaded.office.open311.apiKey, sampleIds: loaded.sampleIds,
  };
};

const main = async () => {
  const [pgVersion, settings] = await admin(async (client) => {
    const version = (await client.query<{ version: string }>('select version()')).rows[0]!.version.split(' on ')[0];
    const rows = (await client.query<{ name: string; setting: string; unit: string | null }>(`select name, setting, unit from pg_settings where name in ('shared_buffers', 'work_mem', 'max_wal_size', 'synchronous_commit')`)).rows;
    if (!reused) {
      // About 10 kB a ticket once loaded (9.5 at a million, bench:hotline), more while WAL and index builds run: refuse a
      // load the disk under PostgreSQL cannot hold rather than fill a shared machine's disk.
      const directory = (await client.query<{ data_directory: string }>('show data_directory')).rows[0]?.data_directory;
      const free = directory && fs.existsSync(directory) ? fs.statfsSync(directory).bavail * fs.statfsSync(directory).bsize : null;
      const needed = TICKETS_ASKED * 12_000;
      if (free !== null && free < needed) throw new Error(`${TICKETS_ASKED.toLocaleString('en')} tickets need about ${(needed / 1e9).toFixed(0)} GB; ${(free / 1e9).toFixed(0)} GB are free under ${directory}`);
      await client.query(`create database ${dbName}`);
    }
    return [version, rows.map((row) => `${row.name}=${row.setting}${row.unit ?? ''}`).join(', ')] as const;
  });
  let keep = args.includes('--keep') || Boolean(reused);
  try {
    log(`Hotline benchmark${QUICK ? ' (--quick)' : ''} — ${(reused?.tickets ?? TICKETS_ASKED).toLocaleString('en')} tickets, database ${dbName}${reused ? ' (kept from an earlier load)' : ''}`);
    log(`Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${pgVersion} (${settings}); load average before ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')} (the machine is shared: other work lowers every figure); disk /work ${disk()}`);
    const state = reused ?? (await loadData());
    const TICKETS = state.tickets;
    const { loadMs, phases } = state;
    if (!reused) fs.writeFileSync(statePath, JSON.stringify(state));
    else {
      // A kept database gets the migrations this code has (the server would run them at start, within its start timeout).
      const migrating = Date.now();
      const database = await openDatabase({ databaseUrl: dbUrl, dataDir: '' });
      await database.close();
      log(`Migrated to this code's schema in ${seconds(Date.now() - migrating)}.`);
    }
    if (args.includes('--load-only')) {
      keep = true;
      return;
    }

    // 2. The two servers.
    const ours = await spawnServer(
      'fuban server',
      serverArgs,
      { DATABASE_URL: dbUrl, PORT: String(await freePort()), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn', FUBAN_DB_POOL: String(POOL), FUBAN_OPEN311_RATE: '1000000' },
      /已启动：http:\/\/127\.0\.0\.1:(\d+)/,
    );
    processes.push(ours);
    const floor = await spawnServer('floor', ['--import', 'tsx', 'scripts/bench/floor-server.ts'], { DATABASE_URL: dbUrl, PORT: '0', FUBAN_DB_POOL: String(POOL) }, /floor listening on (\d+)/);
    processes.push(floor);
    await sleep(2_000);
    const login = async (username: string) => {
      const answer = await call(ours.port, 'POST', '/api/auth/login', { username, password: HOTLINE_BENCH_PASSWORD });
      const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      if (answer.status !== 200 || !cookie.startsWith('fuban_sid=')) throw new Error(`login ${username}: ${answer.status} ${JSON.stringify(answer.json)}`);
      return { cookie };
    };
    const agent = await login(state.agent);
    const director = await login(state.director);

    // 3. What is measured.
    const today = shanghaiToday();
    const lastMonth = (() => {
      const [year, month] = today.split('-').map(Number) as [number, number];
      return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
    })();
    const lastYear = Number(today.slice(0, 4)) - 1;
    const areas = state.areas.map((name) => encodeURIComponent(name));
    let turn = 0;
    const get = (path: () => string, headers: Record<string, string>) => () => ({ method: 'GET' as const, path: path(), headers });
    const reads = {
      ledger: get(() => '/api/hotline/tickets?page=1&pageSize=20', agent),
      filtered: get(() => `/api/hotline/tickets?page=1&pageSize=20&area=${areas[(turn += 1) % areas.length]}&type=${encodeURIComponent('投诉')}`, agent),
      rates: get(() => `/api/hotline/rates?month=${lastMonth}&by=unit`, director),
    };
    let reads0 = 0;
    const caseIds = state.sampleIds;
    const floorRead = () => ({ method: 'GET' as const, path: `/pk/${caseIds[(reads0 += 1) % caseIds.length]}` });
    let writes = 0;
    const floorWrite = () => ({ method: 'POST' as const, path: '/write', body: { n: (writes += 1) } });
    const categories = (await call(ours.port, 'GET', `/api/public/open311/v2/services.json`)).json as unknown as Array<{ service_code: string }>;
    let intakes = 0;
    const intakeBody = () => {
      intakes += 1;
      return {
        service_code: categories[intakes % categories.length]!.service_code,
        description: `省平台转办：${['路灯不亮', '占道经营', '噪声扰民', '拖欠工资', '物业纠纷'][intakes % 5]}，请尽快处理（基准测试 ${intakes}）。`,
        address_string: `${decodeURIComponent(areas[intakes % areas.length]!)}人民路${intakes % 300}号`,
        last_name: '王',
        first_name: '某',
        phone: `139${String(10_000_000 + intakes).slice(-8)}`,
      };
    };
    const intake = (): BenchRequest => ({ method: 'POST', path: '/api/public/open311/v2/requests.json', body: { api_key: state.apiKey, ...intakeBody() } });
    const batchIntake = (): BenchRequest => ({
      method: 'POST',
      path: '/api/public/open311/v2/requests/batch.json',
      body: { api_key: state.apiKey, requests: Array.from({ length: BATCH_SIZE }, intakeBody) },
    });
    // A batch call is BATCH_SIZE tickets: its rate is counted in tickets (its latencies stay per call).
    const inTickets = (result: RunResult): RunResult => ({ ...result, perSecond: result.perSecond * BATCH_SIZE });
    const metricIds = ['hotline.tickets', 'hotline.closedRate', 'hotline.onTimeRate', 'hotline.satisfactionRate', 'hotline.caseStudies', 'mailbox.letters'];
    // A year of every metric: the six at once, as the statistics page asks them; one "request" is all six.
    const yearOfMetrics = async (durationMs: number): Promise<RunResult> => {
      const latencies: number[] = [];
      let errors = 0;
      let firstError: string | null = null;
      const started = performance.now();
      while (performance.now() - started < durationMs || latencies.length < 3) {
        const at = performance.now();
        const answers = await Promise.all(metricIds.map((id) => call(ours.port, 'GET', `/api/metrics/${id}?from=${lastYear}-01-01&to=${lastYear}-12-31`, undefined, director.cookie)));
        const bad = answers.find((answer) => answer.status !== 200);
        if (bad) {
          errors += 1;
          firstError ??= `${bad.status} ${JSON.stringify(bad.json).slice(0, 200)}`;
        } else latencies.push(performance.now() - at);
      }
      const elapsed = performance.now() - started;
      const sorted = latencies.sort((a, b) => a - b);
      const at = (fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
      return { requests: sorted.length, errors, firstError, elapsedMs: elapsed, perSecond: (sorted.length / elapsed) * 1000, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
    };

    const runs = new Map<string, RunResult[]>();
    const record = (key: string, label: string, result: RunResult) => {
      runs.set(key, [...(runs.get(key) ?? []), result]);
      log(`  ${label.padEnd(44)} ${result.perSecond.toFixed(0).padStart(6)} req/s   p50 ${result.p50.toFixed(1).padStart(7)} ms   p95 ${result.p95.toFixed(1).padStart(7)} ms${result.errors ? `   ${result.errors} errors (first: ${result.firstError})` : ''}`);
      if (result.errors) process.exitCode = 1;
    };
    const load = (port: number, concurrency: number, durationMs: number, next: () => BenchRequest) => runLoad({ port, concurrency, durationMs, next, maxRequests: 2_000_000 });
    type Item = { key: string; label: string; run: () => Promise<RunResult> };
    // What the server's sessions wait on while intake runs (sampled every 100 ms): where a lock serialises it.
    const waits = new Map<string, number>();
    let samples = 0;
    const watchWaits = async (work: () => Promise<RunResult>): Promise<RunResult> => {
      const watcher = new pg.Client({ connectionString: dbUrl });
      await watcher.connect();
      let running = true;
      const sampling = (async () => {
        while (running) {
          const { rows } = await watcher.query<{ what: string; n: number }>(
            `select coalesce(wait_event_type || ':' || wait_event, 'on CPU') as what, count(*)::int as n from pg_stat_activity
             where datname = current_database() and state = 'active' and pid <> pg_backend_pid() group by 1`,
          );
          samples += 1;
          for (const row of rows) waits.set(row.what, (waits.get(row.what) ?? 0) + row.n);
          await sleep(100);
        }
      })();
      try {
        return await work();
      } finally {
        running = false;
        await sampling;
        await watcher.end();
      }
    };
    const items: Item[] = [
      { key: 'ledger', label: 'ours  ledger: first page', run: () => load(ours.port, READ_CLIENTS, READ_MS, reads.ledger) },
      { key: 'filtered', label: 'ours  ledger: a 街乡 + 投诉', run: () => load(ours.port, READ_CLIENTS, READ_MS, reads.filtered) },
      { key: 'rates', label: `ours  三率 of ${lastMonth}`, run: () => load(ours.port, READ_CLIENTS, READ_MS, reads.rates) },
      { key: 'metrics', label: `ours  every hotline metric, ${lastYear}`, run: () => yearOfMetrics(READ_MS) },
      { key: 'floor-read', label: 'floor one primary-key SELECT', run: () => load(floor.port, READ_CLIENTS, READ_MS, floorRead) },
      { key: 'intake', label: 'ours  intake: Open311 requests.json', run: () => watchWaits(() => load(ours.port, INTAKE_CLIENTS, WRITE_MS, intake)) },
      { key: 'batch', label: `ours  intake: batch.json, ${BATCH_SIZE} a call (tickets)`, run: async () => inTickets(await load(ours.port, BATCH_CLIENTS, WRITE_MS, batchIntake)) },
      { key: 'floor-write', label: 'floor BEGIN; INSERT; COMMIT', run: () => load(floor.port, INTAKE_CLIENTS, WRITE_MS, floorWrite) },
    ];
    // A batch answers 200 with a refused item in place: the bench's requests must all be registered.
    const probeRequest = batchIntake();
    const probe = await call(ours.port, 'POST', probeRequest.path, probeRequest.body);
    const refused = (probe.json as unknown as Array<{ service_request_id?: string }>).filter((item) => !item.service_request_id);
    if (probe.status !== 200 || refused.length > 0) throw new Error(`batch.json: ${probe.status}, ${refused.length} refused: ${JSON.stringify(probe.json).slice(0, 300)}`);
    log(`\nWarm-up…`);
    for (const item of items) {
      const result = await (item.key === 'metrics'
        ? yearOfMetrics(1)
        : item.key === 'batch'
          ? load(ours.port, 1, 1, batchIntake)
          : item.key.includes('write') || item.key === 'intake'
            ? load(item.key === 'intake' ? ours.port : floor.port, 4, 1_000, item.key === 'intake' ? intake : floorWrite)
            : item.run());
      if (result.errors) throw new Error(`${item.label}: ${result.errors} errors in the warm-up, first: ${result.firstError}`);
    }
    for (let round = 1; round <= ROUNDS; round += 1) {
      log(`\nRound ${round} of ${ROUNDS}${round % 2 === 0 ? ' (floor first)' : ''}; load average ${os.loadavg()[0]!.toFixed(1)}`);
      const order = round % 2 === 0 ? [...items].reverse() : items;
      for (const item of order) record(item.key, item.label, await item.run());
    }

    // 4. The table.
    const of = (key: string) => runs.get(key) ?? [];
    const figures: Figure[] = [
      { label: 'agents\' ledger, first page', target: 'p95 < 50 ms', passes: (r) => r.p95 < 50, ours: of('ledger'), floor: of('floor-read'), floorLabel: 'PK SELECT', concurrency: READ_CLIENTS },
      { label: 'agents\' ledger, 街乡 + 投诉', target: 'p95 < 50 ms', passes: (r) => r.p95 < 50, ours: of('filtered'), floor: of('floor-read'), floorLabel: 'PK SELECT', concurrency: READ_CLIENTS },
      { label: `三率 of a month (${lastMonth}, every unit)`, target: 'p95 < 200 ms', passes: (r) => r.p95 < 200, ours: of('rates'), floor: of('floor-read'), floorLabel: 'PK SELECT', concurrency: READ_CLIENTS },
      { label: `every hotline metric for ${lastYear} (6 at once, each with 同比)`, target: 'p95 < 1 s', passes: (r) => r.p95 < 1_000, ours: of('metrics'), floor: of('floor-read'), floorLabel: 'PK SELECT', concurrency: 6 },
      { label: 'intake through Open311, one a call', target: '≥ 500 tickets/s', passes: (r) => r.perSecond >= 500, ours: of('intake'), floor: of('floor-write'), floorLabel: 'BEGIN/INSERT/COMMIT', concurrency: INTAKE_CLIENTS },
      { label: `intake through Open311 batch.json, ${BATCH_SIZE} a call (tickets/s; latency per call)`, target: '≥ 500 tickets/s', passes: (r) => r.perSecond >= 500, ours: of('batch'), floor: of('floor-write'), floorLabel: 'BEGIN/INSERT/COMMIT', concurrency: BATCH_CLIENTS },
    ];
    log(`\n## Results at ${TICKETS.toLocaleString('en')} tickets (median of ${of('ledger').length} runs; ours and floor alternated)\n`);
    printTable(figures, log);
    const sizes = await databaseSizes();
    log(`\nLoad: ${TICKETS.toLocaleString('en')} tickets in ${seconds(loadMs)}; the database is now ${gib(sizes.total)}.`);
    printExtrapolation({ tickets: TICKETS, loadMs, copyMs: phases.copy!, indexMs: phases.indexes!, databaseBytes: sizes.total, log });
    log(`Intake made ${intakes.toLocaleString('en')} tickets through Open311 during the runs (warm-up included). Reads: ${READ_CLIENTS} clients, closed loop, keep-alive; intake ${INTAKE_CLIENTS} (batch calls ${BATCH_CLIENTS}); pool ${POOL} per server; ${seconds(READ_MS)} reads, ${seconds(WRITE_MS)} writes per run. Load average at the end ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')}.`);
    if (samples > 0) log(`While intake ran, the database sessions were on average (${samples} samples): ${[...waits].sort((x, y) => y[1] - x[1]).map(([what, n]) => `${(n / samples).toFixed(1)} ${what}`).join(', ')} — Lock:transactionid / Lock:tuple are sessions queued behind another's uncommitted row (an audit lane's tail when all 16 are held; the day counts' rows, spread over lanes; an agent's registration holding the year's serial counter).`);
    log(`Median of the 6 metrics at once: ${median(of('metrics').map((r) => r.p50)).toFixed(0)} ms.`);
    // Issue 16's figure: the whole catalogue (every module's metrics, not only the hotline's) for the year, on this data.
    const metricsDatabase = await openDatabase({ databaseUrl: dbUrl, dataDir: '' });
    try {
      log(`${describeEveryMetric(await timeEveryMetric({ db: metricsDatabase.db, year: Number(lastYear) }), { verbose: false }).join('\n')}\n`);
    } finally {
      await metricsDatabase.close();
    }
    printScaleOut(log);
    log(`\nAll runs:`);
    for (const [key, list] of runs) log(`  ${key.padEnd(12)} ${list.map((r) => `${r.perSecond.toFixed(0)}/s p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)}`).join(' | ')}`);
    const output = ours.output();
    if (/error|失败/i.test(output)) log(`\nServer output mentioned errors:\n${output.split('\n').filter((line) => /error|失败/i.test(line)).slice(0, 10).join('\n')}`);
  } catch (error) {
    process.exitCode = 1;
    console.error('\nbenchmark failed:', error);
    for (const proc of processes) console.error(`\n${proc.name} output (last lines):\n${proc.output().split('\n').slice(-20).join('\n')}`);
  } finally {
    for (const proc of processes) await proc.stop();
    if (keep) log(`\nKept database ${dbName}: measure it again with --reuse ${REUSE ?? statePath}, drop it with: psql ${adminUrl} -c 'drop database ${dbName}'`);
    else {
      await dropDatabase();
      if (fs.existsSync(statePath)) fs.rmSync(statePath);
    }
    fs.rmSync(env.FUBAN_DATA_DIR!, { recursive: true, force: true });
    log(`\nTotal time ${seconds(Date.now() - startedAt)}; disk /work ${disk()}`);
  }
};

process.on('exit', () => {
  for (const proc of processes) proc.child.kill('SIGKILL');
});
await main().catch((error: unknown) => {
  console.error('benchmark failed:', error instanceof Error ? error.message : error);
  fs.rmSync(env.FUBAN_DATA_DIR!, { recursive: true, force: true });
  process.exitCode = 1;
});
process.exit(process.exitCode ?? 0);
