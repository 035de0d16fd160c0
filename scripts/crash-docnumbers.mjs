#!/usr/bin/env node
// Crash test of the 文号 ledger (`node scripts/crash-docnumbers.mjs`; reliability-perf.md A6 item 2, issue 5):
// three server processes on one fresh PostgreSQL database. N 发文 (CRASH_REQUESTS, 1,000) are prepared at 待登记
// under one 机关代字 (scripts/crash/prepare-outgoing.ts, through the use cases); then CLIENTS clients 登记 every
// one of them through POST /api/cases/:id/actions/register — about 5 % from two tabs at once with the same
// version — mixed with a share of 预留文号 (POST /api/doc-numbers/reserve) on the same sequence. After a random
// 40–60 % of the jobs one server (sometimes a second) is killed with SIGKILL, its clients move to a survivor, the
// killed server(s) restart and the run finishes; a 登记 whose answer was lost is sent again with the same version
// (409 = it had committed). Then the ledger, the cases and their trails are checked against what the clients
// were told (scripts/crash/docnumber-checks.mjs) and `fuban verify-trail` walks every hash chain.
// Environment: CRASH_DATABASE_URL (or TEST_DATABASE_URL), CRASH_SEED, CRASH_REQUESTS, CRASH_CLIENTS,
// CRASH_RESERVATIONS (share of 预留 added to the 登记, 0.1), CRASH_DUPLICATES (share of 登记 from two tabs, 0.05).
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { check, results, runChecks } from './crash/docnumber-checks.mjs';
import { createCluster, expectOk, isConnectionError, login, request } from './crash/servers.mjs';

const root = path.resolve(import.meta.dirname, '..');
const startedAt = Date.now();
const env = process.env;
const adminUrl = env.CRASH_DATABASE_URL || env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const [TOTAL, CLIENTS] = [Number(env.CRASH_REQUESTS ?? 1000), Number(env.CRASH_CLIENTS ?? 24)];
const [RESERVE_SHARE, DUPLICATE_SHARE] = [Number(env.CRASH_RESERVATIONS ?? 0.1), Number(env.CRASH_DUPLICATES ?? 0.05)];
const seed = Number(env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const [CODE, INITIAL_PASSWORD, PASSWORD] = ['示测发', 'Gov#Office2026', 'Crash#Office2026x'];
const YEAR = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear(); // the server numbers by the year in Shanghai
const OVERALL_LIMIT_MS = 240_000; // set-up, preparation, load, checks and clean-up: under 4 minutes (each action now keeps its clocks; issue 12 makes it fast again)
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
const cluster = await createCluster({ root, dbUrl, names: ['A', 'B', 'C'] });
const { servers } = cluster;

// ---------------------------------------------------------------- set-up, as the administrators would
const createUser = async (server, { sys, sec }, unit, username, displayName, roles) => {
  const user = await expectOk(request(server, 'POST', '/api/users', { username, displayName, unitId: unit.id, initialPassword: INITIAL_PASSWORD }, sys), `create ${username}`);
  await expectOk(request(server, 'PUT', `/api/users/${user.id}/roles`, { version: user.version, roles }, sec), `grant ${username}`);
  const first = await login(server, username, INITIAL_PASSWORD);
  const changed = await request(server, 'POST', '/api/auth/password', { currentPassword: INITIAL_PASSWORD, newPassword: PASSWORD }, first);
  if (changed.status !== 204) throw new Error(`password change of ${username}: ${changed.status} ${changed.text}`);
  return user;
};
const setUpOffice = async (server) => {
  for (const [username, role] of [['crashsys', 'sysadmin'], ['crashsec', 'secadmin']]) {
    const result = cluster.cli(['init-admin', '--username', username, '--name', username, '--role', role, '--org-name', '崩溃测试市人民政府办公室'], `${PASSWORD}\n`);
    if (result.status !== 0) throw new Error(`init-admin ${username}: ${result.output}`);
  }
  const admins = { sys: await login(server, 'crashsys', PASSWORD), sec: await login(server, 'crashsec', PASSWORD) };
  const office = (await expectOk(request(server, 'GET', '/api/units', undefined, admins.sys), 'list units')).find((unit) => unit.type === 'office');
  const unit = await expectOk(request(server, 'POST', '/api/units', { parentId: office?.id ?? null, name: '秘书科', code: 'crash-msk', type: 'section', sortOrder: 1 }, admins.sys), 'create unit');
  await createUser(server, admins, unit, 'crash.clerk', '秘书科李文', ['clerk']);
  await createUser(server, admins, unit, 'crash.leader', '崩溃测试副市长', ['leader']);
  const issuer = { code: CODE, label: '崩溃测试文件', issuerName: '崩溃测试市人民政府文件', organName: '崩溃测试市人民政府', printerName: '崩溃测试市人民政府办公室', format: 'file' };
  await expectOk(request(server, 'POST', '/api/issuer-codes', issuer, admins.sys), 'create 机关代字');
  const chain = { name: `${CODE}签发`, issuerCode: CODE, steps: [{ label: '签发', type: 'sign', roles: ['leader'] }] };
  await expectOk(request(server, 'POST', '/api/approval-chains', chain, admins.sys), 'create the chain [签发]');
};

/** N 发文 at 待登记, made in a child process through the use cases; returns their ids and versions. */
const prepareCases = async () => {
  const result = await cluster.node(['scripts/crash/prepare-outgoing.ts', CODE, 'crash.clerk', 'crash.leader', String(TOTAL), '8']);
  if (result.status !== 0) throw new Error(`preparing ${TOTAL} 发文 failed: ${result.output}`);
  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const { rows } = await db.query(`select id, version, state from cases where kind = 'outgoing' order by seq`);
    if (rows.length !== TOTAL || rows.some((row) => row.state !== 'registering')) throw new Error(`prepared ${rows.length} 发文, states ${[...new Set(rows.map((row) => row.state))]}`);
    return { rows, ms: JSON.parse(result.stdout.trim().split('\n').at(-1)).ms };
  } finally {
    await db.end();
  }
};

// ---------------------------------------------------------------- the load
const stats = { sent: 0, byStatus: {}, lost: 0, refused: 0, failures: [], moves: 0, answeredAfterRestart: new Set() };
const cases = new Map(); // id → { id, version, tabs, attempts: [{ tab, server, start, outcome, status, answer }] }
const reservations = { ok: 0, lost: 0, refused: 0, answers: [], lostNotes: new Set() };
const kills = []; // { server, atJob, inFlight, ms, restartMs }
const inFlight = new Map(); // server name → POSTs in flight
let [loadStarted, nextJob] = [0, 0];
const cookies = [];

/** One POST and what it tells: an answer, or lost (reset in flight on a killed server), or refused (never connected). */
const send = async (target, url, body, cookie, label) => {
  const [child, start] = [target.child, target.starts];
  stats.sent += 1;
  inFlight.set(target.name, (inFlight.get(target.name) ?? 0) + 1);
  try {
    const response = await request(target, 'POST', url, body, cookie);
    stats.byStatus[response.status] = (stats.byStatus[response.status] ?? 0) + 1;
    if (response.status < 300 && start > 1) stats.answeredAfterRestart.add(target.name);
    return { outcome: 'answer', server: target.name, start, ...response };
  } catch (error) {
    if (!isConnectionError(error)) throw error;
    if (!child.killedByUs) stats.failures.push(`${label} on ${target.name}: connection error ${error.code} on a server that was not killed`);
    const outcome = !child.killedByUs ? 'failure' : error.code === 'ECONNREFUSED' ? 'refused' : 'lost';
    if (outcome !== 'failure') stats[outcome] += 1;
    return { outcome, server: target.name, start };
  } finally {
    inFlight.set(target.name, inFlight.get(target.name) - 1);
  }
};

const register = async (record, target, tab, cookie) => {
  const result = await send(target, `/api/cases/${record.id}/actions/register`, { version: record.version }, cookie, `登记 ${record.id} tab ${tab}`);
  const attempt = { tab, server: result.server, start: result.start, outcome: result.outcome };
  if (result.outcome === 'answer') {
    Object.assign(attempt, { status: result.status, answer: result.json });
    attempt.outcome = result.status < 300 ? 'ok' : result.status === 409 && result.json?.code === 'CONFLICT' ? 'conflict' : 'failure';
    if (attempt.outcome === 'failure') stats.failures.push(`登记 ${record.id} tab ${tab} on ${result.server}: ${result.status} ${result.text.slice(0, 200)}`);
  }
  record.attempts.push(attempt);
};

const reserve = async (n, target, cookie) => {
  const note = `crash ${n}`;
  const result = await send(target, '/api/doc-numbers/reserve', { issuerCode: CODE, until: '2099-12-31T18:00:00+08:00', note }, cookie, `预留 #${n}`);
  if (result.outcome === 'lost') [reservations.lost, reservations.lostNotes] = [reservations.lost + 1, reservations.lostNotes.add(note)];
  if (result.outcome === 'refused') reservations.refused += 1;
  if (result.outcome !== 'answer') return;
  if (result.status < 300) [reservations.ok, reservations.answers] = [reservations.ok + 1, [...reservations.answers, { n, server: result.server, ...result.json }]];
  else stats.failures.push(`预留 #${n} on ${result.server}: ${result.status} ${result.text.slice(0, 200)}`);
};

const crash = async (killAt) => {
  const order = [...servers].sort(() => random() - 0.5);
  const victims = random() < 0.5 ? order.slice(0, 2) : order.slice(0, 1); // sometimes a second, a little later
  for (const [index, victim] of victims.entries()) {
    if (index > 0) await sleep(150 + Math.floor(random() * 400));
    kills.push({ server: victim, atJob: index === 0 ? killAt : nextJob, inFlight: inFlight.get(victim.name) ?? 0, ms: Date.now() - loadStarted });
    await cluster.stop(victim, 'SIGKILL');
  }
  await sleep(200 + Math.floor(random() * 400));
  await Promise.all(kills.map(async (kill) => {
    const began = Date.now();
    await cluster.start(kill.server);
    kill.restartMs = Date.now() - began;
  }));
};

/** The client's home server while it is up, else a survivor (the session is in the database: the cookie works anywhere). */
const pick = (home, index) => {
  if (home.up) return home;
  const live = servers.filter((item) => item.up);
  return live[index % Math.max(1, live.length)] ?? home;
};

const runClient = async (index, jobs, killAt, holdAt, crashState) => {
  const home = servers[index % servers.length];
  const cookie = cookies[index];
  while (nextJob < jobs.length) {
    const n = (nextJob += 1);
    const job = jobs[n - 1];
    if (n === killAt) (crashState.promise = crash(killAt)).catch(() => undefined); // awaited (and reported) by main
    if (n > holdAt && crashState.promise) await crashState.promise; // the last tenth waits for the restarts
    const server = pick(home, index);
    if (server !== home) stats.moves += 1;
    if (job.type === 'reserve') await reserve(n, server, cookie);
    else if (job.record.tabs === 1) await register(job.record, server, 1, cookie);
    else {
      // The second tab is open on another server: both send the same version at once.
      const other = servers.filter((item) => item.up && item !== server)[index % 2] ?? server;
      await Promise.all([register(job.record, server, 1, cookie), register(job.record, other, 2, cookie)]);
    }
  }
};

/** A 登记 whose outcome the clients do not know (every request lost or refused) is sent again, with the same version. */
const resolveUnknown = async () => {
  const unknown = [...cases.values()].filter((record) => record.attempts.every((a) => a.outcome === 'lost' || a.outcome === 'refused'));
  const live = servers.filter((server) => server.up);
  await Promise.all(unknown.map((record, index) => register(record, live[index % live.length], 'retry', cookies[index % cookies.length])));
  const retries = unknown.map((record) => record.attempts.at(-1));
  return { count: unknown.length, ok: retries.filter((a) => a.outcome === 'ok').length, conflict: retries.filter((a) => a.outcome === 'conflict').length };
};

// ---------------------------------------------------------------- main
let [created, exitCode] = [false, 1];
const sql = async (url, text) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { return await client.query(text); } finally { await client.end(); }
};
const cleanUp = async () => {
  await cluster.stopAll();
  if (created) await sql(adminUrl, `drop database if exists ${dbName} with (force)`);
  created = false;
};
const overall = setTimeout(() => {
  console.error(`\ncrash test took longer than ${OVERALL_LIMIT_MS / 1000} s: stopping`);
  void cleanUp().finally(() => { console.log('\n0 passed, 1 failed'); process.exit(1); });
}, OVERALL_LIMIT_MS);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void cleanUp().finally(() => process.exit(130)));

try {
  const reserveCount = Math.round(TOTAL * RESERVE_SHARE);
  console.log(`文号 crash test: ${TOTAL} 登记 (≈${Math.round(DUPLICATE_SHARE * 100)} % from two tabs) + ${reserveCount} 预留 from ${CLIENTS} clients over 3 servers, seed ${seed} (CRASH_SEED=${seed} replays the choices)`);
  await sql(adminUrl, `create database ${dbName}`);
  created = true;
  await Promise.all(servers.map(cluster.start)); // three at once: one migrates, the others wait on its lock
  await setUpOffice(servers[0]);
  console.log(`Set-up: database ${dbName}; servers ${servers.map((s) => `${s.name} pid ${s.child.pid} :${s.port}`).join(', ')} (${elapsed()} ms)`);
  const prepared = await prepareCases();
  console.log(`Prepared ${prepared.rows.length} 发文 at 待登记 (送审 → 签发 → 复核 through the use cases) in ${prepared.ms} ms (${elapsed()} ms)`);

  for (const row of prepared.rows) cases.set(row.id, { id: row.id, version: row.version, tabs: random() < DUPLICATE_SHARE ? 2 : 1, attempts: [] });
  const jobs = [...[...cases.values()].map((record) => ({ type: 'register', record })), ...Array.from({ length: reserveCount }, () => ({ type: 'reserve' }))];
  for (let i = jobs.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [jobs[i], jobs[j]] = [jobs[j], jobs[i]];
  }
  for (let index = 0; index < CLIENTS; index += 1) cookies.push(await login(servers[index % servers.length], 'crash.clerk', PASSWORD));
  const killAt = Math.floor(jobs.length * (0.4 + 0.2 * random()));
  const crashState = { promise: undefined };
  loadStarted = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, index) => runClient(index, jobs, killAt, Math.floor(jobs.length * 0.9), crashState)));
  if (crashState.promise) await crashState.promise;
  const loadMs = Date.now() - loadStarted;
  const resolved = await resolveUnknown();
  const reader = servers.find((server) => server.up);
  const ledger = await request(reader, 'GET', `/api/doc-numbers?issuer=${encodeURIComponent(CODE)}&year=${YEAR}`, undefined, cookies[0]).then((r) => r.json);
  await Promise.all(servers.map((server) => cluster.stop(server, 'SIGTERM')));

  const attempts = [...cases.values()].flatMap((record) => record.attempts.filter((a) => a.tab !== 'retry'));
  const count = (list, outcome) => list.filter((a) => a.outcome === outcome).length;
  const twoTabs = [...cases.values()].filter((record) => record.tabs === 2);
  console.log('\nFigures:');
  console.log(`  jobs                   ${jobs.length}: ${cases.size} 登记 (${twoTabs.length} from two tabs) + ${reserveCount} 预留; ${stats.sent} POSTs in all`);
  console.log(`  answers by status      ${Object.entries(stats.byStatus).map(([status, n]) => `${status}: ${n}`).join(', ')}   (by server: ${servers.map((s) => `${s.name} ${[...cases.values()].flatMap((r) => r.attempts).filter((a) => a.server === s.name && a.outcome === 'ok').length + reservations.answers.filter((a) => a.server === s.name).length}`).join(', ')} 2xx)`);
  console.log(`  登记                   ${count(attempts, 'ok')} 2xx, ${count(attempts, 'conflict')} 409, ${count(attempts, 'lost')} lost in the kill, ${count(attempts, 'refused')} refused (server down)`);
  console.log(`  two tabs               ${twoTabs.length} cases: ${twoTabs.filter((r) => count(r.attempts, 'ok') === 1 && count(r.attempts, 'conflict') === 1).length} got one 2xx + one 409, the rest met the kill`);
  console.log(`  登记 sent again        ${resolved.count} whose every request was lost or refused: ${resolved.conflict} had committed before the kill (409), ${resolved.ok} had not (2xx now)`);
  console.log(`  预留                   ${reservations.ok} 2xx, ${reservations.lost} lost in the kill, ${reservations.refused} refused (server down)`);
  console.log(`  other failures         ${stats.failures.length}`);
  console.log(`  numbers in the ledger  ${ledger?.rows?.length} (${CODE}〔${YEAR}〕1–${Math.max(0, ...(ledger?.rows ?? []).map((row) => row.no))}号): ${ledger?.rows?.filter((row) => row.status === 'used').length} 登记 + ${ledger?.rows?.filter((row) => row.status === 'reserved').length} 预留`);
  for (const kill of kills) console.log(`  kill -9 server ${kill.server.name}       at job #${kill.atJob} of ${jobs.length} (${Math.round((kill.atJob / jobs.length) * 100)} %), ${(kill.ms / 1000).toFixed(1)} s into the load, ${kill.inFlight} POSTs in flight on it; restart took ${kill.restartMs} ms`);
  console.log(`  client moves           ${stats.moves} jobs sent to a survivor instead of the client's home server`);
  console.log(`  rate before the kill   ${Math.round((kills[0]?.atJob / kills[0]?.ms) * 1000)} jobs/s (${CLIENTS} clients, 3 servers)`);
  console.log(`  load time              ${(loadMs / 1000).toFixed(1)} s (${Math.round((jobs.length / loadMs) * 1000)} allocations/s, ${Math.round((stats.sent / loadMs) * 1000)} POST/s with the kill and restarts)`);

  const db = new pg.Client({ connectionString: dbUrl });
  await db.connect();
  await runChecks(db, { code: CODE, year: YEAR, cases, reservations, stats, kills, ledger }).finally(() => db.end()); // the servers are stopped: nothing writes while we read
  const verified = cluster.cli(['verify-trail']);
  check('(13) `fuban verify-trail` passes: every case\'s hash chain holds', [verified.status === 0 && /全部完好/.test(verified.stdout) ? undefined : `exit ${verified.status}: ${verified.output}`], verified.stdout.trim());
  exitCode = results.every(Boolean) ? 0 : 1;
} catch (error) {
  console.error('\nThe crash test could not run to its checks:', error);
  results.push(false);
  if (cluster.log.length) console.error(`\nLast server output:\n${cluster.log.slice(-30).join('\n')}`);
} finally {
  clearTimeout(overall);
  await cleanUp().catch((error) => console.error('clean-up failed:', error));
}
if (exitCode !== 0 && cluster.log.some((line) => line.includes(' err]'))) console.log(`\nServer stderr (last lines):\n${cluster.log.filter((line) => line.includes(' err]')).slice(-20).join('\n')}`);
const passed = results.filter(Boolean).length;
console.log(`\nTotal time ${(elapsed() / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(exitCode);
