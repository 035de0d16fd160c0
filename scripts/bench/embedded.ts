/**
 * `npm run bench:embedded`: issue 12's embedded figures, measured. On PGlite with a county office's cases
 * (50,000 领导批示件 by default, 10 trail events each), every page of the web app answers in < 100 ms, the
 * server starts cold in < 10 s, and it stays under 1 GB of RSS. Not a test: it prints the figures, PASS or MISS.
 *
 * 1. The data directory (embedded-data.ts): loadBenchData into a temporary PostgreSQL database, moved into a
 *    PGlite data directory migrated by the app's openDatabase; row counts checked; PostgreSQL dropped.
 * 2. The real server on it, as `npm start` runs it (server/src/main.ts, NODE_ENV=production, embedded
 *    database): cold start is spawn → the first 200 from /api/health; RSS (VmRSS, VmHWM from /proc) at start
 *    and after the pages.
 * 3. Each page's API calls, as the page fires them (together, like the browser), by the users who open it: the
 *    office's clerk, a 督查室 inspector, a leader (领导驾驶舱) and a 联络员 of the busiest unit. Each page 2 warm-ups,
 *    then 20 times one after another; p50 and p95 of the page's last answer against 100 ms.
 *
 * Environment: BENCH_DATABASE_URL (or TEST_DATABASE_URL; default postgres://postgres@127.0.0.1:5432/postgres),
 * EMBEDDED_CASES (50000), EMBEDDED_EVENTS (10 per case), EMBEDDED_RUNS (20). EMBEDDED_KEEP=1 keeps the data
 * directory and writes what a later run needs beside it (<dir>.json: the loader's summary and the made-up keys);
 * `npm run bench:embedded -- --reuse <dir>.json` then measures the server on it again without loading (after a
 * fix, or to EXPLAIN on it). FUBAN_TRAIL_KEY / FUBAN_PII_KEY: made up for the run when unset; the loader seals with
 * them and the server is started with them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadTrailKey } from '../../server/src/platform/trail-key.js';
import { BENCH_PASSWORD } from './load-data.js';
import { makeEmbeddedDataDir, type EmbeddedData } from './embedded-data.js';
import { freePort, spawnServer, type Proc } from './processes.js';
import { serverArgs } from '../server-args.mjs';

const env = process.env;
const adminUrl = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const CASES = Number(env.EMBEDDED_CASES ?? 50_000);
const EVENTS = Number(env.EMBEDDED_EVENTS ?? CASES * 10);
const RUNS = Number(env.EMBEDDED_RUNS ?? 20);
const WARMUPS = 2;
const PAGE_TARGET_MS = 100;
const START_TARGET_MS = 10_000;
const RSS_TARGET_KB = 1024 * 1024;
const reuseIndex = process.argv.indexOf('--reuse');
const reuseFile = reuseIndex > 0 ? process.argv[reuseIndex + 1] : undefined;
/** A kept run: the data directory (EmbeddedData) and the keys it was sealed with. */
type KeptRun = EmbeddedData & { trailKey: string; personalKey: string };
const reused = reuseFile ? (JSON.parse(fs.readFileSync(reuseFile, 'utf8')) as KeptRun) : undefined;
const trailKey = reused?.trailKey ?? (env.FUBAN_TRAIL_KEY || randomBytes(32).toString('hex'));
const personalKey = reused?.personalKey ?? (env.FUBAN_PII_KEY || randomBytes(32).toString('hex'));
env.FUBAN_TRAIL_KEY = trailKey;
env.FUBAN_PII_KEY = personalKey;
const isKept = env.EMBEDDED_KEEP === '1' || reused !== undefined;

const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const verdict = (isMet: boolean) => (isMet ? 'PASS' : 'MISS');

/** VmRSS and VmHWM (peak) of a process, in kB. */
const memoryOf = (pid: number) => {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
};

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

// ---------------------------------------------------------------- HTTP

let port = 0;
const get = async (url: string, cookie: string): Promise<unknown> => {
  const response = await fetch(`http://127.0.0.1:${port}${url}`, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 300)}`);
  return JSON.parse(body) as unknown;
};

const login = async (username: string): Promise<string> => {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (response.status !== 200 || !cookie.startsWith('fuban_sid=')) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return cookie;
};

// ---------------------------------------------------------------- pages

/** A page: who opens it and the calls it fires when opened (a function of the run, so that e.g. each case page is another case). */
type Page = { label: string; cookie: string; calls: (run: number) => string[] };
type PageTiming = { label: string; calls: string; p50: number; p95: number; max: number };

const timePage = async (page: Page): Promise<PageTiming> => {
  const times: number[] = [];
  for (let run = 0; run < WARMUPS + RUNS; run += 1) {
    const urls = page.calls(run);
    const started = performance.now();
    await Promise.all(urls.map((url) => get(url, page.cookie)));
    if (run >= WARMUPS) times.push(performance.now() - started);
  }
  // The calls by route, e.g. "55 × /api/metrics/:id": a case's or a metric's id is one route.
  const routes = new Map<string, number>();
  for (const url of page.calls(0)) {
    const route = url.split('?')[0]!.replace(/\/api\/metrics\/(?!values$)[\w.]+$/, '/api/metrics/:id').replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, ':id');
    routes.set(route, (routes.get(route) ?? 0) + 1);
  }
  const calls = [...routes].map(([route, n]) => (n > 1 ? `${n} × ${route}` : route)).join(' + ');
  return { label: page.label, calls, p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times) };
};

const buildPages = async ({ data, year, today }: { data: EmbeddedData; year: number; today: string }): Promise<Page[]> => {
  const { summary } = data;
  const clerk = await login(summary.clerk.username);
  const inspector = await login('bench.clerk2'); // the loader's even clerks are 督查室 inspectors (supervision.read)
  const leader = await login('bench.leader1');
  const liaison = await login(summary.liaison.username);
  const busiestUnit = summary.unitIds[0]!; // the loader's Zipf head: the liaison's unit
  const caseAt = (run: number) => summary.caseIds[(run * 7_919) % summary.caseIds.length]!;
  const ledger = (query: string) => `/api/cases?kind=instruction&limit=20${query}`;
  const yearRange = `from=${year}-01-01&to=${today}`;

  type MetricDefinition = { id: string; origin: string; section: string };
  const definitions = (await get('/api/metrics', clerk)) as MetricDefinition[];
  const counted = definitions.filter((definition) => definition.origin !== 'notConnected');
  // As the page asks: one request per section of the catalogue (GET /api/metrics/values).
  const sections = [...new Set(counted.map((definition) => definition.section))];
  const sectionCalls = () => sections.map((section) => `/api/metrics/values?ids=${counted.filter((definition) => definition.section === section).map((definition) => definition.id).join(',')}&${yearRange}`);
  const dashboard = (await get(`/api/dashboard?year=${year}`, leader)) as { rankingMetrics: Array<{ id: string }> };
  const rankingMetric = dashboard.rankingMetrics[0]?.id;
  // 编号 to search for, from a later ledger page, and a case the 联络员 sees (their ledger's first).
  const serials = ((await get(ledger('&page=10'), clerk)) as { items: Array<{ serialNo: string }> }).items.map((item) => item.serialNo);
  const liaisonCase = ((await get(ledger(''), liaison)) as { items: Array<{ id: string }> }).items[0]!.id;

  return [
    { label: 'shell: /api/auth/me (every page load)', cookie: clerk, calls: () => ['/api/auth/me'] },
    { label: '待办 (clerk)', cookie: clerk, calls: () => ['/api/inbox?limit=50&offset=0', '/api/inbox/counts', '/api/kinds'] },
    { label: '待办 (联络员)', cookie: liaison, calls: () => ['/api/inbox?limit=50&offset=0', '/api/inbox/counts', '/api/kinds'] },
    { label: '台账: first page', cookie: clerk, calls: () => [ledger(''), '/api/kinds'] },
    { label: '台账: page 50', cookie: clerk, calls: () => [ledger('&page=50')] },
    { label: '台账: 办理中 + 逾期 filter', cookie: clerk, calls: () => [ledger('&state=handling&due=red')] },
    { label: `台账: search a word (${summary.searchTerm})`, cookie: clerk, calls: () => [ledger(`&q=${encodeURIComponent(summary.searchTerm)}`)] },
    { label: '台账: search a 编号', cookie: clerk, calls: (run) => [ledger(`&q=${encodeURIComponent(serials[run % serials.length]!)}`)] },
    { label: '台账: the busiest unit', cookie: clerk, calls: () => [ledger(`&unit=${busiestUnit}`)] },
    { label: '台账: another unit (each run)', cookie: clerk, calls: (run) => [ledger(`&unit=${summary.unitIds[(run * 13) % summary.unitIds.length]}`)] },
    { label: '台账 (联络员, own unit)', cookie: liaison, calls: () => [ledger('')] },
    { label: 'case detail (another case each run)', cookie: clerk, calls: (run) => [`/api/cases/${caseAt(run)}`] },
    { label: 'case detail (联络员, own unit case)', cookie: liaison, calls: () => [`/api/cases/${liaisonCase}`] },
    { label: `数据统计: one metric (instructions.tracked, ${year})`, cookie: clerk, calls: () => [`/api/metrics/instructions.tracked?${yearRange}`] },
    { label: `数据统计: the page (${counted.length} metrics in ${sections.length} sections + catalogue)`, cookie: clerk, calls: () => ['/api/metrics', ...sectionCalls()] },
    { label: `数据统计 (联络员, ${counted.length} metrics in ${sections.length} sections)`, cookie: liaison, calls: sectionCalls },
    { label: `数据统计: a request per metric, as before (${counted.length})`, cookie: clerk, calls: () => counted.map((definition) => `/api/metrics/${definition.id}?${yearRange}`) },
    { label: '领导驾驶舱 (leader)', cookie: leader, calls: () => [`/api/dashboard?year=${year}`, '/api/metrics', ...(rankingMetric ? [`/api/dashboard/ranking?metric=${rankingMetric}&year=${year}`] : [])] },
    { label: '领导驾驶舱: GET /api/dashboard alone', cookie: leader, calls: () => [`/api/dashboard?year=${year}`] },
    { label: '工作总结 list', cookie: clerk, calls: () => ['/api/summaries', '/api/summaries/templates'] },
    { label: '工作日历', cookie: clerk, calls: () => [`/api/calendar/${year}`] },
    { label: '督查督办 (inspector)', cookie: inspector, calls: () => ['/api/supervision/items'] },
    { label: '督查督办 (联络员)', cookie: liaison, calls: () => ['/api/supervision/items'] },
  ];
};

// ---------------------------------------------------------------- main

let server: Proc | undefined;
let dataDir: string | undefined;
let dropSource: (() => Promise<void>) | undefined;

const main = async () => {
  const startedAt = Date.now();
  const now = new Date();
  const year = Number(now.toISOString().slice(0, 4));
  const today = now.toISOString().slice(0, 10);
  log(`Embedded bench — ${reused ? `reusing ${reused.dataDir}` : `${CASES.toLocaleString('en')} 批示件, ${EVENTS.toLocaleString('en')} trail events`}; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')}\n`);

  // 1. The data directory.
  loadTrailKey({ envKey: env.FUBAN_TRAIL_KEY, dataDir: '' }); // the loader seals with the key the server is started with
  let data: EmbeddedData;
  if (reused) {
    data = reused;
  } else {
    log('Making the data directory…');
    const made = await makeEmbeddedDataDir({ adminUrl, caseCount: CASES, eventCount: EVENTS, now, log });
    ({ dropSource } = made);
    data = { dataDir: made.dataDir, summary: made.summary, rows: made.rows, phases: made.phases, sizeBytes: made.sizeBytes };
    if (isKept) fs.writeFileSync(`${made.dataDir}.json`, JSON.stringify({ ...data, trailKey, personalKey } satisfies KeptRun));
  }
  dataDir = data.dataDir;
  log(`  data directory ${reused ? 'made earlier' : 'made'} in ${seconds(data.phases.totalMs)} (load ${seconds(data.phases.loadMs)}, copy ${seconds(data.phases.copyMs)}, analyze ${seconds(data.phases.analyzeMs)}); ${(data.sizeBytes / 2 ** 20).toFixed(0)} MB on disk`);
  log(`  rows: ${['cases', 'case_events', 'assignments', 'work_items', 'case_unit_visibility', 'notifications', 'case_clocks', 'users', 'units'].map((table) => `${table} ${(data.rows[table] ?? 0).toLocaleString('en')}`).join(', ')}`);

  // 2. The server, as npm start runs it.
  port = await freePort();
  const spawnedAt = performance.now();
  const starting = spawnServer(
    'fuban server (embedded)',
    serverArgs,
    { NODE_ENV: 'production', DATABASE_URL: '', FUBAN_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    /已启动：http:\/\/127\.0\.0\.1:(\d+)/,
  );
  let failed: unknown;
  starting.catch((error: unknown) => (failed = error));
  let coldStartMs = 0;
  for (;;) {
    if (failed) throw failed;
    const answer = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
    if (answer?.status === 200) {
      coldStartMs = performance.now() - spawnedAt;
      break;
    }
    if (performance.now() - spawnedAt > 120_000) throw new Error('no answer from /api/health within 120 s');
    await sleep(20);
  }
  server = await starting;
  const pid = server.child.pid!;
  const atStart = memoryOf(pid);
  const ownWords = /用时 (\d+) ms/.exec(server.output())?.[1];
  const loginStarted = performance.now();
  await login(data.summary.clerk.username);
  const firstLoginMs = performance.now() - loginStarted;
  log(`\nServer (pid ${pid}) answered /api/health ${seconds(coldStartMs)} after spawn (its own count from start to listening: ${ownWords ?? '?'} ms); first login ${firstLoginMs.toFixed(0)} ms after (the 催办 sweep runs at start)`);
  await sleep(1_000);
  const settled = memoryOf(pid);

  // 3. The pages.
  const pages = await buildPages({ data, year, today });
  log(`Timing ${pages.length} pages: ${WARMUPS} warm-ups, then ${RUNS} runs each, one after another; a page's calls fired together as the browser does…`);
  const timings: PageTiming[] = [];
  const peaks: Array<{ label: string; risenKb: number }> = [];
  for (const page of pages) {
    const before = memoryOf(pid).hwmKb;
    timings.push(await timePage(page));
    peaks.push({ label: page.label, risenKb: memoryOf(pid).hwmKb - before });
  }
  const afterPages = memoryOf(pid);

  // 4. The table.
  log(`\n## Embedded (PGlite): ${data.rows.cases?.toLocaleString('en')} cases, ${data.rows.case_events?.toLocaleString('en')} trail events\n`);
  log(`| page (calls fired together) | p50 ms | p95 ms | max ms | target | |`);
  log(`|---|---:|---:|---:|---:|---|`);
  for (const timing of timings) log(`| ${timing.label} | ${timing.p50.toFixed(1)} | ${timing.p95.toFixed(1)} | ${timing.max.toFixed(1)} | < ${PAGE_TARGET_MS} | ${verdict(timing.p95 < PAGE_TARGET_MS)} |`);
  log(`| cold start: spawn → /api/health 200 | ${coldStartMs.toFixed(0)} | | | < ${START_TARGET_MS} | ${verdict(coldStartMs < START_TARGET_MS)} |`);
  log(`| RSS at start (VmRSS; peak so far VmHWM ${mb(atStart.hwmKb)}) | ${mb(atStart.rssKb)} | | | < ${mb(RSS_TARGET_KB)} | ${verdict(atStart.rssKb < RSS_TARGET_KB)} |`);
  log(`| RSS after the first login and 1 s (VmRSS; peak VmHWM ${mb(settled.hwmKb)}) | ${mb(settled.rssKb)} | | | < ${mb(RSS_TARGET_KB)} | ${verdict(settled.rssKb < RSS_TARGET_KB)} |`);
  log(`| RSS after the pages (VmRSS; peak VmHWM ${mb(afterPages.hwmKb)}) | ${mb(afterPages.rssKb)} | | | < ${mb(RSS_TARGET_KB)} | ${verdict(afterPages.hwmKb < RSS_TARGET_KB)} |`);
  const risers = peaks.filter((peak) => peak.risenKb > 10 * 1024).sort((a, b) => b.risenKb - a.risenKb);
  log(`\nPeak RSS (VmHWM) ${mb(settled.hwmKb)} before the pages; raised by ${risers.map((peak) => `${peak.label} +${mb(peak.risenKb)}`).join(', ') || 'no page (by more than 10 MB)'}.`);
  log('\nCalls per page:');
  for (const timing of timings) log(`  ${timing.label}: ${timing.calls}`);
  const misses = timings.filter((timing) => timing.p95 >= PAGE_TARGET_MS).length + (coldStartMs >= START_TARGET_MS ? 1 : 0) + (afterPages.hwmKb >= RSS_TARGET_KB ? 1 : 0);
  log(`\n- PASS is p95 < ${PAGE_TARGET_MS} ms for a page (the RSS row after the pages: its peak). ${misses} MISS.`);
  log(`- The loader's cases span three years (closed ones from three years back, open ones recent): the ${year} metrics count this year's share.`);
  log(`- The loader writes each assignment's deadline as the engine computes it but no case_clocks rows (${(data.rows.case_clocks ?? 0).toLocaleString('en')} here): a case page's clocks and the 催办 sweep's clock scan read less than on an office's own data.`);
  log(`- Server: node ${serverArgs.join(' ')} (as npm start), NODE_ENV=production, LOG_LEVEL=warn, FUBAN_DATA_DIR=<temp>, keys from FUBAN_TRAIL_KEY / FUBAN_PII_KEY; the client shares the machine. Load average at the end ${os.loadavg().map((n) => n.toFixed(1)).join(' / ')}.`);
  log(`- Total time ${seconds(Date.now() - startedAt)}.`);
  if (isKept) log(`\nKept ${dataDir}; measure it again with: npm run bench:embedded -- --reuse ${dataDir}.json (remove both when done)`);
};

try {
  await main();
} catch (error) {
  process.exitCode = 1;
  console.error('\nembedded bench failed:', error);
  if (server) console.error(`\nserver output (last lines):\n${server.output().split('\n').slice(-20).join('\n')}`);
} finally {
  await server?.stop();
  if (dataDir && !isKept) fs.rmSync(dataDir, { recursive: true, force: true });
  if (dropSource) {
    // Another client's long COPY can hold DROP DATABASE back (see MadeDataDir); PostgreSQL finishes it after we go.
    const dropped = await Promise.race([dropSource().then(() => true), sleep(60_000).then(() => false)]);
    console.log(dropped ? 'Dropped the temporary PostgreSQL database.' : 'DROP DATABASE of the temporary database still waits on another client\'s COPY; PostgreSQL completes it when that ends.');
  }
}
process.exit(process.exitCode ?? 0);
