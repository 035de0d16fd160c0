#!/usr/bin/env node
// Crash test of the 文号 ledger (`node scripts/crash-docnumbers.mjs`; reliability-perf.md A6 item 2): three
// server processes on one fresh PostgreSQL database take 1,000 concurrent 预留文号 requests under one 机关代字;
// after a random 40–60 % of them one server (sometimes a second) is killed with SIGKILL, its clients move to a
// survivor, the killed server(s) restart and the run finishes. Then the ledger is checked against what the
// clients were told: every 2xx number durable, unique, no gap, sequence = max = count, one audit row per number.
// Environment: CRASH_DATABASE_URL (or TEST_DATABASE_URL), CRASH_SEED, CRASH_REQUESTS, CRASH_CLIENTS.
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const startedAt = Date.now();
const adminUrl = process.env.CRASH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const [TOTAL, CLIENTS] = [Number(process.env.CRASH_REQUESTS ?? 1000), Number(process.env.CRASH_CLIENTS ?? 24)];
const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const [CODE, YEAR, INITIAL_PASSWORD, PASSWORD] = ['示测发', 2026, 'Gov#Office2026', 'Crash#Office2026x'];
const OVERALL_LIMIT_MS = 110_000; // set-up, load, checks and clean-up: well under 2 minutes
let state = seed >>> 0; // mulberry32, so CRASH_SEED replays the choices
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = Math.imul(state ^ (state >>> 15), state | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const dbName = `fuban_crashno_${process.pid}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const elapsed = () => Date.now() - startedAt;
const groupBy = (items, key) => items.reduce((map, item) => map.set(key(item), [...(map.get(key(item)) ?? []), item]), new Map());

// ---------------------------------------------------------------- servers
const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
const serverLog = [];
const servers = []; // { name, port, child (killedByUs once we SIGKILL it), exited, agent, up, starts }

const request = (server, method, url, body, cookie) =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...(cookie ? { cookie } : {}) };
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: url, agent: server.agent, timeout: 20_000, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk)).on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const json = (() => { try { return text ? JSON.parse(text) : undefined; } catch { return undefined; } })();
        resolve({ status: res.statusCode, json, text, headers: res.headers });
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'TIMEOUT' }))).on('error', reject);
    req.end(payload);
  });

let stopping = false; // set by the clean-up: no server is started after it
const startServer = async (server) => {
  if (stopping) throw new Error('stopping');
  server.starts += 1;
  const label = `${server.name}#${server.starts}`;
  const env = { ...process.env, DATABASE_URL: dbUrl, PORT: String(server.port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' };
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const [stream, tag] of [[child.stdout, ''], [child.stderr, ' err']]) {
    stream.on('data', (chunk) => serverLog.push(...String(chunk).split('\n').filter((line) => line.trim()).map((line) => `[${label}${tag}] ${line}`)) && serverLog.splice(0, Math.max(0, serverLog.length - 400)));
  }
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  Object.assign(server, { child, exited, agent: new http.Agent({ keepAlive: true, maxSockets: 64 }) });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await Promise.race([server.exited.then((code) => ({ code })), sleep(100).then(() => null)]);
    if (state) throw new Error(`server ${label} exited during start with ${state.code}`);
    const health = await request(server, 'GET', '/api/health').catch(() => undefined);
    if (health?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`server ${label} did not answer /api/health within 30 s`);
  }
  server.up = true;
};
const stopServer = async (server, signal) => {
  if (!server.child || server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.up = false;
  if (signal === 'SIGKILL') server.child.killedByUs = true;
  server.child.kill(signal);
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await server.exited.finally(() => clearTimeout(timer));
  server.agent.destroy();
};

const fubanCli = (args, input) => {
  const result = spawnSync('npm', ['run', '-s', 'fuban', '--', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, input: input ?? '', encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
};
const expectOk = async (promise, what) => {
  const { status, text, json } = await promise;
  if (status < 200 || status >= 300) throw new Error(`${what}: ${status} ${text}`);
  return json;
};
const login = async (server, username, password) => {
  const response = await request(server, 'POST', '/api/auth/login', { username, password });
  const raw = [response.headers['set-cookie'] ?? []].flat().find((item) => item.startsWith('fuban_sid='));
  if (response.status !== 200 || !raw) throw new Error(`login ${username} on ${server.name}: ${response.status} ${response.text}`);
  return raw.split(';')[0];
};

// ---------------------------------------------------------------- set-up, as the administrators would
const setUpOffice = async (server) => {
  for (const [username, role] of [['crashsys', 'sysadmin'], ['crashsec', 'secadmin']]) {
    const result = fubanCli(['init-admin', '--username', username, '--name', username, '--role', role, '--org-name', '崩溃测试市人民政府办公室'], `${PASSWORD}\n`);
    if (result.status !== 0) throw new Error(`init-admin ${username}: ${result.output}`);
  }
  const sys = await login(server, 'crashsys', PASSWORD);
  const sec = await login(server, 'crashsec', PASSWORD);
  const office = (await expectOk(request(server, 'GET', '/api/units', undefined, sys), 'list units')).find((unit) => unit.type === 'office');
  const unit = await expectOk(request(server, 'POST', '/api/units', { parentId: office?.id ?? null, name: '秘书科', code: 'crash-msk', type: 'section', sortOrder: 1 }, sys), 'create unit');
  const user = await expectOk(request(server, 'POST', '/api/users', { username: 'crash.clerk', displayName: '秘书科李文', unitId: unit.id, initialPassword: INITIAL_PASSWORD }, sys), 'create clerk');
  await expectOk(request(server, 'PUT', `/api/users/${user.id}/roles`, { version: user.version, roles: ['clerk'] }, sec), 'grant clerk');
  const first = await login(server, 'crash.clerk', INITIAL_PASSWORD);
  const changed = await request(server, 'POST', '/api/auth/password', { currentPassword: INITIAL_PASSWORD, newPassword: PASSWORD }, first);
  if (changed.status !== 204) throw new Error(`password change: ${changed.status} ${changed.text}`);
  await expectOk(request(server, 'POST', '/api/issuer-codes', { code: CODE, label: '崩溃测试文件', issuerName: '崩溃测试市人民政府文件' }, sys), 'create 机关代字');
  return user;
};

// ---------------------------------------------------------------- the load
const stats = { sent: 0, ok: 0, refused: 0, lost: 0, failures: [], moves: 0 };
const answers = []; // every 2xx: { n, server, start (1 = first process, 2 = restarted), id, no, text, … }
const kills = []; // { server, atRequest, inFlight, ms, restartMs }
const inFlight = new Map(); // server name → POSTs in flight
let loadStarted;
const isConnectionError = (error) => error && typeof error === 'object' && 'code' in error;

const crash = async (killAt) => {
  const order = [...servers].sort(() => random() - 0.5);
  const victims = random() < 0.5 ? order.slice(0, 2) : order.slice(0, 1); // sometimes a second, a little later
  for (const [index, victim] of victims.entries()) {
    if (index > 0) await sleep(150 + Math.floor(random() * 400));
    kills.push({ server: victim, atRequest: index === 0 ? killAt : stats.sent, inFlight: inFlight.get(victim.name) ?? 0, ms: Date.now() - loadStarted });
    await stopServer(victim, 'SIGKILL');
  }
  await sleep(200 + Math.floor(random() * 400));
  await Promise.all(kills.map(async (kill) => {
    const began = Date.now();
    await startServer(kill.server);
    kill.restartMs = Date.now() - began;
  }));
};

const runClient = async (index, killAt, holdAt, crashState) => {
  const home = servers[index % servers.length];
  let server = home;
  let cookie = await login(server, 'crash.clerk', PASSWORD);
  for (let guard = 0; guard < TOTAL * 4; guard += 1) {
    if (stats.sent >= TOTAL) return;
    stats.sent += 1;
    const n = stats.sent;
    if (n === killAt) (crashState.promise = crash(killAt)).catch(() => undefined); // awaited (and reported) by main
    if (n > holdAt && crashState.promise) await crashState.promise; // the last tenth waits for the restarts
    if (!server.up || (server !== home && home.up)) {
      const live = servers.filter((item) => item.up);
      server = home.up ? home : live[index % live.length]; // the session is in the database: the cookie works anywhere
    }
    if (server !== home) stats.moves += 1;
    const target = server;
    const child = target.child;
    const startNo = target.starts;
    inFlight.set(target.name, (inFlight.get(target.name) ?? 0) + 1);
    try {
      const response = await request(target, 'POST', '/api/doc-numbers/reserve', { issuerCode: CODE, year: YEAR, until: '2099-12-31T18:00:00+08:00', note: `crash ${n}` }, cookie);
      if (response.status >= 200 && response.status < 300) {
        stats.ok += 1;
        answers.push({ n, server: target.name, start: startNo, ...response.json });
      } else {
        stats.failures.push(`#${n} on ${target.name}: ${response.status} ${response.text.slice(0, 200)}`);
        if (response.status === 401) cookie = await login(target, 'crash.clerk', PASSWORD).catch(() => cookie);
      }
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      if (!child.killedByUs) stats.failures.push(`#${n} on ${target.name}: connection error ${error.code} on a server that was not killed`);
      else if (error.code === 'ECONNREFUSED') stats.refused += 1; // never reached the server: cannot have committed
      else stats.lost += 1; // in flight at the kill: outcome unknown
    } finally {
      inFlight.set(target.name, inFlight.get(target.name) - 1);
    }
  }
};

// ---------------------------------------------------------------- checks
const results = [];
const check = (name, failures, note = '') => {
  const list = failures.filter(Boolean);
  results.push(list.length === 0);
  console.log([`${list.length === 0 ? '  ✔' : '  ✖'} ${name}${note ? ` — ${note}` : ''}`, ...list.slice(0, 8).map((f) => `      ${f}`), ...(list.length > 8 ? [`      … and ${list.length - 8} more`] : [])].join('\n'));
};

const runChecks = async (db, ledger) => {
  const { rows } = await db.query('select id, issuer_code, year, no, text, status, note, void_reason from doc_numbers order by no');
  const { rows: sequences } = await db.query('select issuer_code, year, last_no from doc_number_sequences');
  const { rows: audits } = await db.query(`select object_id, object_label, result from audit_log where action = 'docnumber.reserve'`);
  const { rows: constraints } = await db.query(`select conname from pg_constraint where conrelid = 'doc_numbers'::regclass and contype = 'u'`);
  const byId = new Map(rows.map((row) => [row.id, row]));
  console.log('\nChecks:');
  check('a server was killed with SIGKILL mid-run, restarted, and answered 2xx again after its restart', [
    kills.length ? undefined : 'no kill happened',
    ...kills.map(({ server, restartMs }) => (restartMs === undefined ? `${server.name} was not restarted` : undefined)),
    ...kills.map(({ server }) => (answers.some((a) => a.server === server.name && a.start > 1) ? undefined : `${server.name} answered no 2xx after its restart`)),
  ]);
  check('(1) every 2xx number is in doc_numbers with the same id, no and text', answers.map((a) => {
    const row = byId.get(a.id);
    if (!row) return `#${a.n} ${a.text} (${a.id}) answered by ${a.server}: not in the database`;
    return row.no !== a.no || row.text !== a.text ? `#${a.n}: answered ${a.no}/${a.text}, database has ${row.no}/${row.text}` : undefined;
  }));
  const dupes = (items, key) => [...groupBy(items, key)].filter(([, group]) => group.length > 1).map(([value, group]) => `${value}: ${group.length} times`);
  check('(1b) no two 2xx answers got the same number', dupes(answers, (a) => a.text));
  check('(2) (issuer, year, no) and text are unique, and the unique constraints exist', [
    ...['doc_numbers_issuer_year_no', 'doc_numbers_text'].map((name) => (constraints.some((c) => c.conname === name) ? undefined : `constraint ${name} missing`)),
    ...dupes(rows, (row) => `${row.issuer_code}/${row.year}/${row.no}`),
    ...dupes(rows, (row) => row.text),
  ]);
  const max = rows.reduce((m, row) => Math.max(m, row.no), 0);
  const present = new Set(rows.map((row) => row.no));
  const holes = Array.from({ length: max }, (_, i) => i + 1).filter((no) => !present.has(no));
  check('(3) gap-free: the numbers are exactly 1..max, and none is void', [
    holes.length ? `${holes.length} holes, first ${holes.slice(0, 10).join(', ')}` : undefined,
    ...rows.filter((row) => row.status !== 'reserved' || row.issuer_code !== CODE || row.year !== YEAR).map((row) => `${row.text}: ${row.status} ${row.void_reason ?? ''}`),
    ...rows.map((row) => (row.text === `${CODE}〔${YEAR}〕${row.no}号` ? undefined : `${row.no}: text ${row.text}`)),
  ]);
  const committed = rows.length;
  check('(4) doc_number_sequences.last_no = max(no) = count(rows) = committed reservations', [
    sequences.length === 1 && sequences[0].issuer_code === CODE && sequences[0].year === YEAR ? undefined : `sequences: ${JSON.stringify(sequences)}`,
    sequences[0]?.last_no === max && max === committed ? undefined : `last_no ${sequences[0]?.last_no}, max ${max}, count ${committed}`,
    new Set(rows.map((row) => row.note)).size === committed ? undefined : 'two rows carry the same request note (one request committed twice?)',
  ], `${committed} numbers`);
  check('(5) committed count is between the 2xx count and 2xx + answers lost in the kill', [
    committed < stats.ok ? `${committed} committed, but ${stats.ok} were answered 2xx` : undefined,
    committed > stats.ok + stats.lost ? `${committed} committed, more than ${stats.ok} 2xx + ${stats.lost} lost` : undefined,
  ], `${committed} = ${stats.ok} 2xx + ${committed - stats.ok} of ${stats.lost} whose answer was lost`);
  const answered = new Set(answers.map((a) => a.id));
  const silent = rows.filter((row) => !answered.has(row.id)).map((row) => `${row.text} (${row.note})`);
  if (silent.length) console.log(`      committed, but the client was never told (stays 预留 until its date): ${silent.join(', ')}`);
  check('(6) every failure is a connection error on a killed server: no 4xx/5xx, no error from a live server', stats.failures);
  const auditsOf = groupBy(audits, (audit) => audit.object_id);
  check('(7) the audit log has exactly one successful docnumber.reserve row per committed number, and none for a number not committed', [
    ...rows.map((row) => {
      const list = auditsOf.get(row.id) ?? [];
      return list.length !== 1 || list[0].result !== 'success' || list[0].object_label !== row.text ? `${row.text}: ${list.length} audit rows` : undefined;
    }),
    ...[...auditsOf.keys()].filter((id) => !byId.has(id)).map((id) => `audit row for ${id}, which is not in doc_numbers`),
  ], `${audits.length} audit rows`);
  check('(8) GET /api/doc-numbers (after the restarts) lists all numbers and names no gap', [
    ledger?.rows?.length === committed ? undefined : `ledger lists ${ledger?.rows?.length} rows, database has ${committed}`,
    ledger?.gaps?.length === 0 ? undefined : `ledger gaps ${JSON.stringify(ledger?.gaps)}`,
  ]);
};

// ---------------------------------------------------------------- main
let [created, exitCode] = [false, 1];
const sql = async (url, text) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { return await client.query(text); } finally { await client.end(); }
};
const cleanUp = async () => {
  stopping = true;
  await Promise.all(servers.map((server) => stopServer(server, 'SIGKILL').catch(() => undefined)));
  if (created) await sql(adminUrl, `drop database if exists ${dbName} with (force)`);
  created = false;
};
const overall = setTimeout(() => {
  console.error(`\ncrash test took longer than ${OVERALL_LIMIT_MS / 1000} s: stopping`);
  void cleanUp().finally(() => { console.log('\n0 passed, 1 failed'); process.exit(1); });
}, OVERALL_LIMIT_MS);
process.on('exit', () => servers.forEach((server) => server.child?.kill('SIGKILL')));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void cleanUp().finally(() => process.exit(130)));

try {
  console.log(`文号 crash test: ${TOTAL} 预留 from ${CLIENTS} clients over 3 servers, seed ${seed} (CRASH_SEED=${seed} replays the choices)`);
  await sql(adminUrl, `create database ${dbName}`);
  created = true;
  for (const name of ['A', 'B', 'C']) servers.push({ name, port: await freePort(), starts: 0, up: false });
  await Promise.all(servers.map(startServer)); // three at once: one migrates, the others wait on its lock
  await setUpOffice(servers[0]);
  console.log(`Set-up: database ${dbName}; servers ${servers.map((s) => `${s.name} pid ${s.child.pid} :${s.port}`).join(', ')} (${elapsed()} ms)`);

  const killAt = Math.floor(TOTAL * (0.4 + 0.2 * random()));
  const crashState = { promise: undefined };
  loadStarted = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, index) => runClient(index, killAt, Math.floor(TOTAL * 0.9), crashState)));
  if (crashState.promise) await crashState.promise;
  const loadMs = Date.now() - loadStarted;
  const reader = servers.find((server) => server.up);
  const ledger = await request(reader, 'GET', `/api/doc-numbers?issuer=${encodeURIComponent(CODE)}&year=${YEAR}`, undefined, await login(reader, 'crash.clerk', PASSWORD)).then((r) => r.json);
  await Promise.all(servers.map((server) => stopServer(server, 'SIGTERM')));

  console.log('\nFigures:');
  console.log(`  requests sent          ${stats.sent}`);
  console.log(`  2xx                    ${stats.ok}   (by server: ${servers.map((s) => `${s.name} ${answers.filter((a) => a.server === s.name).length}`).join(', ')})`);
  console.log(`  lost in the kill       ${stats.lost}   (connection reset with the request in flight: outcome unknown)`);
  console.log(`  refused (server down)  ${stats.refused}   (never reached a server)`);
  console.log(`  other failures         ${stats.failures.length}`);
  for (const kill of kills) console.log(`  kill -9 server ${kill.server.name}       at request #${kill.atRequest} of ${TOTAL} (${Math.round((kill.atRequest / TOTAL) * 100)} %), ${(kill.ms / 1000).toFixed(1)} s into the load, ${kill.inFlight} POSTs in flight on it; restart took ${kill.restartMs} ms`);
  console.log(`  client moves           ${stats.moves} requests sent to a survivor instead of the client's home server`);
  console.log(`  rate before the kill   ${Math.round((kills[0]?.atRequest / kills[0]?.ms) * 1000)} req/s (${CLIENTS} clients, 3 servers)`);
  console.log(`  load time              ${(loadMs / 1000).toFixed(1)} s (${Math.round((stats.sent / loadMs) * 1000)} req/s with the kill and restarts)`);

  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  await runChecks(db, ledger).finally(() => db.end()); // the servers are stopped: nothing writes while we read
  exitCode = results.every(Boolean) ? 0 : 1;
} catch (error) {
  console.error('\nThe crash test could not run to its checks:', error);
  results.push(false);
  if (serverLog.length) console.error(`\nLast server output:\n${serverLog.slice(-30).join('\n')}`);
} finally {
  clearTimeout(overall);
  await cleanUp().catch((error) => console.error('clean-up failed:', error));
}
if (exitCode !== 0 && serverLog.some((line) => line.includes(' err]'))) console.log(`\nServer stderr (last lines):\n${serverLog.filter((line) => line.includes(' err]')).slice(-20).join('\n')}`);
const passed = results.filter(Boolean).length;
console.log(`\nTotal time ${(elapsed() / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(exitCode);
