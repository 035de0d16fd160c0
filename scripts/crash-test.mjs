#!/usr/bin/env node
// Crash test (`node scripts/crash-test.mjs`): acknowledged transitions survive a `kill -9` of the
// server, and no case is left half-changed.
//
// On a fresh PostgreSQL database it starts the real server process, sets up the office through the
// CLI and the HTTP API (the three administrators' way), registers 领导批示件, then has 20 clients fire
// 1,000 transitions over HTTP (交办, 签收, 延期, 答复, 审核, 报审, 审阅 …; a client re-reads the case
// and retries on 409). After a random 40–60 % of the requests it kills the server with SIGKILL while
// requests are in flight, restarts it on the same database and lets the clients finish. Then it checks
// the database against what the clients were told — see CHECKS below — and ends with `N passed, N failed`.
//
// Environment: CRASH_DATABASE_URL (or TEST_DATABASE_URL) names the PostgreSQL server, default
// postgres://postgres@127.0.0.1:5432/postgres; CRASH_SEED replays a run; CRASH_REQUESTS, CRASH_CLIENTS.
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { serverArgs } from './server-args.mjs';

const root = path.resolve(import.meta.dirname, '..');
const startedAt = Date.now();
const adminUrl = process.env.CRASH_DATABASE_URL || process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const TOTAL = Number(process.env.CRASH_REQUESTS ?? 1000);
const CLIENTS = Number(process.env.CRASH_CLIENTS ?? 20);
const CASES = 80;
const DEPARTMENTS = ['发展和改革委员会', '教育局', '住房和城乡建设局', '交通运输局', '生态环境局', '卫生健康委员会'];
const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const INITIAL_PASSWORD = 'Gov#Office2026';
const PASSWORD = 'Crash#Office2026x';
const OVERALL_LIMIT_MS = 170_000; // the whole run, set-up and checks included, stays under 3 minutes

/** mulberry32: a small seeded generator, so a failing run can be replayed with CRASH_SEED. */
const random = (() => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
const pick = (items) => items[Math.floor(random() * items.length)];

const dbName = `fuban_crash_${process.pid}`;
const dbUrl = (() => {
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  return url.toString();
})();

// ---------------------------------------------------------------- processes

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const serverLog = [];
const remember = (prefix) => (chunk) => {
  for (const line of String(chunk).split('\n')) if (line.trim()) serverLog.push(`${prefix} ${line}`);
  if (serverLog.length > 400) serverLog.splice(0, serverLog.length - 400);
};

let port;
let server; // { child, exited: Promise<number|null> }

const startServer = async (label) => {
  const child = spawn(process.execPath, serverArgs, {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', remember(`[${label}]`));
  child.stderr.on('data', remember(`[${label} err]`));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  server = { child, exited, pid: child.pid };
  const deadline = Date.now() + 30_000;
  for (;;) {
    const state = await Promise.race([exited.then((code) => ({ code })), sleep(100).then(() => null)]);
    if (state) throw new Error(`server (${label}) exited during start with ${state.code}`);
    try {
      const response = await request('GET', '/api/health');
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server (${label}) did not answer /api/health within 30 s`);
  }
};

const killServer = async (signal) => {
  if (!server) return;
  const current = server;
  server = undefined;
  current.child.kill(signal);
  const timer = setTimeout(() => current.child.kill('SIGKILL'), 10_000);
  await current.exited;
  clearTimeout(timer);
};

const fubanCli = (args, input) => {
  const result = spawnSync('npm', ['run', '-s', 'fuban', '--', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: dbUrl },
    input: input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
};

// ---------------------------------------------------------------- HTTP

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const request = (method, url, body, cookie) =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent,
        timeout: 20_000,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
          ...(cookie ? { cookie } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, json, text, headers: res.headers });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });

const expectOk = async (promise, what) => {
  const response = await promise;
  if (response.status < 200 || response.status >= 300) throw new Error(`${what}: ${response.status} ${response.text}`);
  return response.json;
};

const login = async (username, password) => {
  const response = await request('POST', '/api/auth/login', { username, password });
  if (response.status !== 200) throw new Error(`login ${username}: ${response.status} ${response.text}`);
  const raw = [response.headers['set-cookie'] ?? []].flat().find((item) => item.startsWith('fuban_sid='));
  if (!raw) throw new Error(`login ${username}: no session cookie`);
  return { cookie: raw.split(';')[0], user: response.json };
};

// ---------------------------------------------------------------- set-up: the office, as its administrators would

const setUpOffice = async () => {
  for (const [username, role, name] of [
    ['crashsys', 'sysadmin', '系统管理员'],
    ['crashsec', 'secadmin', '安全管理员'],
  ]) {
    const result = fubanCli(['init-admin', '--username', username, '--name', name, '--role', role, '--org-name', '崩溃测试市人民政府办公室'], `${PASSWORD}\n`);
    if (result.status !== 0) throw new Error(`init-admin ${username}: ${result.stdout}${result.stderr}`);
  }
  const sys = await login('crashsys', PASSWORD);
  const sec = await login('crashsec', PASSWORD);
  const office = (await expectOk(request('GET', '/api/units', undefined, sys.cookie), 'list units')).find((unit) => unit.type === 'office');
  const units = [];
  for (const [index, name] of DEPARTMENTS.entries()) {
    units.push(
      await expectOk(
        request('POST', '/api/units', { parentId: null, name: `崩溃测试市${name}`, code: `crash-d${index + 1}`, type: 'department', sortOrder: index }, sys.cookie),
        `create unit ${name}`,
      ),
    );
  }
  const people = [
    { key: 'clerk', username: 'crash.clerk', displayName: '秘书科李文', unitId: office.id, roles: ['clerk'] },
    { key: 'leader', username: 'crash.leader', displayName: '张明远', unitId: office.id, roles: ['leader'] },
    ...units.map((unit, index) => ({ key: `liaison:${unit.id}`, username: `crash.liaison${index + 1}`, displayName: `联络员${index + 1}号`, unitId: unit.id, roles: ['liaison'] })),
  ];
  const sessions = {};
  for (const person of people) {
    const created = await expectOk(
      request('POST', '/api/users', { username: person.username, displayName: person.displayName, unitId: person.unitId, initialPassword: INITIAL_PASSWORD }, sys.cookie),
      `create user ${person.username}`,
    );
    await expectOk(request('PUT', `/api/users/${created.id}/roles`, { version: created.version, roles: person.roles }, sec.cookie), `grant ${person.roles} to ${person.username}`);
    const session = await login(person.username, INITIAL_PASSWORD);
    const changed = await request('POST', '/api/auth/password', { currentPassword: INITIAL_PASSWORD, newPassword: PASSWORD }, session.cookie);
    if (changed.status !== 204) throw new Error(`password change of ${person.username}: ${changed.status} ${changed.text}`);
    sessions[person.key] = { cookie: session.cookie, userId: created.id, name: person.displayName, unitId: person.unitId };
  }
  return { units, sessions };
};

const registerCases = async ({ sessions, units }) => {
  const cases = [];
  const sources = ['关于加快推进城东片区改造的请示', '关于进一步做好校园安全工作的报告', '关于老旧小区加装电梯的建议', '关于农村公路养护情况的汇报', '关于重点河段水质监测的专报'];
  for (let index = 0; index < CASES; index += 1) {
    const created = await expectOk(
      request(
        'POST',
        '/api/cases',
        {
          kind: 'instruction',
          fields: {
            leaderId: sessions.leader.userId,
            leaderName: sessions.leader.name,
            instructedOn: new Date().toISOString().slice(0, 10),
            instruction: `请${DEPARTMENTS[index % DEPARTMENTS.length]}牵头研究，提出落实意见，按时报告办理情况。（第 ${index + 1} 件）`,
            sourceTitle: sources[index % sources.length],
            sourceRef: `崩〔2026〕${index + 1}号`,
          },
        },
        sessions.clerk.cookie,
      ),
      `register case ${index + 1}`,
    );
    const lead = units[index % units.length];
    const assist = index % 2 === 0 ? units[(index + 1) % units.length] : undefined;
    cases.push({ id: created.id, serialNo: created.serialNo, lead, assist, dueDays: index % 4 === 0 ? 1 : undefined });
  }
  return cases;
};

// ---------------------------------------------------------------- the load

const stats = {
  sent: 0,
  ok: 0,
  conflicts: 0,
  unexpected: [], // non-2xx, non-409 answers from a live server
  serverErrors: 0,
  networkErrors: 0, // requests whose outcome is unknown: in flight at the kill, or sent while the server was down
  okBeforeKill: 0,
  okAfterRestart: 0,
  gets: 0,
};
const acknowledged = []; // every 2xx: { caseId, action, version, state, n }
let phase = 'before'; // before → down → after
let killedAt = null; // { sent, inFlight, ms }
let restartMs = 0;
let inFlightPosts = 0;
let serverUp = Promise.resolve();

// The case detail gives an assignment's state as its label (common/schemas/cases.ts assignmentStateLabels).
const assignmentStateCodes = { 待签收: 'pending', 办理中: 'in_progress', 已答复: 'replied', 已退回: 'returned', 已撤回: 'withdrawn', '已结束（事项已办结）': 'ended' };
const stateCode = (assignment) => assignmentStateCodes[assignment.state] ?? assignment.state;

const extendsOf = (detail, assignmentId) =>
  detail.events.filter((event) => event.action === 'extend' && event.data?.assignmentId === assignmentId).length;

/** What could be done next to the case, and by whom: the choices a busy office would make. */
const nextSteps = (detail, plan, sessions) => {
  const steps = [];
  const liaison = (unitId) => sessions[`liaison:${unitId}`];
  const officeAction = (name) => detail.actions.find((action) => action.action === name && !action.blockedReason);
  if (detail.state === 'registered') {
    const units = [{ unitId: plan.lead.id, role: 'lead', ...(plan.dueDays ? { dueDays: plan.dueDays } : {}) }];
    if (plan.assist) units.push({ unitId: plan.assist.id, role: 'assist', dueDays: plan.dueDays ?? 5 });
    steps.push({ who: sessions.clerk, action: 'assign', body: { units, comment: '请按领导批示办理' } });
  }
  if (detail.state === 'handling') {
    for (const assignment of detail.assignments) {
      const unitLiaison = liaison(assignment.unitId);
      const state = stateCode(assignment);
      if (state === 'pending') steps.push({ who: unitLiaison, action: 'sign', body: {} });
      if (state === 'in_progress') steps.push({ who: unitLiaison, action: 'reply', body: { reply: `${assignment.unitName}已按批示要求研究落实，形成工作方案。` } });
      if ((state === 'pending' || state === 'in_progress') && extendsOf(detail, assignment.id) < 2) {
        const extend = { who: sessions.clerk, action: 'extend', body: { assignmentId: assignment.id, extension: { amount: 1 + Math.floor(random() * 3), reason: '涉及多部门会商，申请延期' } } };
        steps.push(extend, extend); // extensions are the bulk of the mix
      }
      if (state === 'replied' && !assignment.isReplyAccepted) {
        steps.push(
          random() < 0.85
            ? { who: sessions.clerk, action: 'accept_reply', body: { assignmentId: assignment.id, satisfaction: 'satisfied' } }
            : { who: sessions.clerk, action: 'reject_reply', body: { assignmentId: assignment.id, reason: '答复未说明完成时限，请补充' } },
        );
      }
    }
    if (officeAction('submit')) steps.push({ who: sessions.clerk, action: 'submit', body: { comment: '办理情况报领导审阅' } });
    if (officeAction('close') && random() < 0.3) steps.push({ who: sessions.clerk, action: 'close', body: { comment: '已办结' } });
  }
  if (detail.state === 'leader_review') {
    steps.push(
      random() < 0.8
        ? { who: sessions.leader, action: 'approve', body: { comment: '同意' } }
        : { who: sessions.leader, action: 'reinstruct', body: { comment: '请进一步细化落实措施' } },
    );
  }
  return steps;
};

let crashStarted = false;
const crash = async () => {
  crashStarted = true;
  phase = 'down';
  let markUp;
  serverUp = new Promise((resolve) => {
    markUp = resolve;
  });
  killedAt = { sent: stats.sent, inFlight: inFlightPosts, ms: Date.now() - startedAt };
  await killServer('SIGKILL');
  await sleep(200 + Math.floor(random() * 400));
  const restartStarted = Date.now();
  await startServer('restarted');
  restartMs = Date.now() - restartStarted;
  phase = 'after';
  markUp();
};

const isNetworkError = (error) => error && typeof error === 'object' && ('code' in error || /socket|timed out|ECONN/.test(String(error.message)));

const runClient = async ({ cases, sessions, killAt, crashDone }) => {
  let retryCase;
  let retries = 0;
  while (stats.sent < TOTAL) {
    const open = cases.filter((item) => !item.done);
    if (open.length === 0) return;
    // Skewed: the first cases are busy (contention, and some run to 办结); the rest see less traffic.
    const plan = retryCase ?? open[Math.floor(open.length * random() ** 2)];
    retryCase = undefined;
    await serverUp;
    let detail;
    try {
      stats.gets += 1;
      const response = await request('GET', `/api/cases/${plan.id}`, undefined, sessions.clerk.cookie);
      if (response.status !== 200) throw new Error(`GET case ${plan.serialNo}: ${response.status} ${response.text}`);
      detail = response.json;
    } catch (error) {
      if (!isNetworkError(error)) throw error;
      await sleep(50);
      continue;
    }
    const steps = nextSteps(detail, plan, sessions);
    if (steps.length === 0) {
      if (process.env.CRASH_DEBUG) console.log(JSON.stringify({ state: detail.state, assignments: detail.assignments, actions: detail.actions }).slice(0, 1500));
      if (detail.state === 'closed') plan.done = true;
      continue;
    }
    const step = pick(steps);
    if (stats.sent >= TOTAL) return;
    stats.sent += 1;
    const n = stats.sent;
    const sentIn = phase;
    inFlightPosts += 1;
    const pending = request('POST', `/api/cases/${plan.id}/actions/${step.action}`, { version: detail.version, ...step.body }, step.who.cookie);
    if (n === killAt) crashDone.promise = crash(); // kill -9 with this and the other clients' requests in flight
    try {
      const response = await pending;
      if (response.status >= 200 && response.status < 300) {
        stats.ok += 1;
        if (phase === 'after' && sentIn === 'after') stats.okAfterRestart += 1;
        else if (!crashStarted) stats.okBeforeKill += 1;
        acknowledged.push({ caseId: plan.id, serialNo: plan.serialNo, action: step.action, version: response.json.version, state: response.json.state, n });
        retries = 0;
      } else if (response.status === 409) {
        stats.conflicts += 1;
        if (retries < 3) {
          retryCase = plan; // re-read the case and try again with the version it has now
          retries += 1;
        } else retries = 0;
      } else {
        if (response.status >= 500) stats.serverErrors += 1;
        stats.unexpected.push({ n, status: response.status, caseId: plan.id, serialNo: plan.serialNo, action: step.action, version: detail.version, body: step.body, answer: response.text.slice(0, 300) });
      }
    } catch (error) {
      if (!isNetworkError(error)) throw error;
      stats.networkErrors += 1;
      await sleep(20);
    } finally {
      inFlightPosts -= 1;
    }
  }
};

// ---------------------------------------------------------------- checks

const results = [];
const check = (name, failures, note = '') => {
  const list = failures.filter(Boolean);
  results.push({ name, ok: list.length === 0 });
  console.log(`${list.length === 0 ? '  ✔' : '  ✖'} ${name}${note ? ` — ${note}` : ''}`);
  for (const failure of list.slice(0, 8)) console.log(`      ${failure}`);
  if (list.length > 8) console.log(`      … and ${list.length - 8} more`);
};

const KIND_STATES = ['registered', 'handling', 'leader_review', 'closed'];
const ASSIGNMENT_STATES = ['pending', 'in_progress', 'replied', 'returned', 'withdrawn', 'ended'];

const runChecks = async (client, { cases: planned }) => {
  const { rows: caseRows } = await client.query('select id, serial_no, state, is_closed, closed_at, version from cases');
  const { rows: assignmentRows } = await client.query('select id, case_id, unit_id, role, state, signed_at, replied_at, reply, accepted_at from assignments');
  const { rows: eventRows } = await client.query('select case_id, seq, action, from_state, to_state, data from case_events order by case_id, seq');
  // Each rung of a clock's reminder ladder is sent once (clock_reminders) with one 催办 event.
  const { rows: sentRows } = await client.query('select c.case_id from clock_reminders r join case_clocks c on c.id = r.clock_row_id');
  // An assignment's clock keeps the events it was computed from: its extensions among them.
  const { rows: clockRows } = await client.query('select assignment_id, inputs from case_clocks where assignment_id is not null');
  const clockInputsOf = new Map(clockRows.map((row) => [row.assignment_id, row.inputs]));
  const { rows: workRows } = await client.query('select case_id, assignment_id, label from work_items');

  const caseById = new Map(caseRows.map((row) => [row.id, row]));
  const eventsOf = new Map();
  for (const row of eventRows) (eventsOf.get(row.case_id) ?? eventsOf.set(row.case_id, []).get(row.case_id)).push(row);
  const assignmentsOf = new Map();
  for (const row of assignmentRows) (assignmentsOf.get(row.case_id) ?? assignmentsOf.set(row.case_id, []).get(row.case_id)).push(row);
  const caseOfAssignment = new Map(assignmentRows.map((row) => [row.id, row.case_id]));
  /** The version-bearing events of a case, in order: the n-th one made version n (登记 is version 1). */
  const transitionsOf = (caseId) => (eventsOf.get(caseId) ?? []).filter((event) => event.action !== 'remind');

  console.log('\nChecks:');
  check('the server was killed with SIGKILL mid-run and restarted on the same database', [
    killedAt ? undefined : 'the kill never happened',
    stats.okAfterRestart > 0 ? undefined : 'no request succeeded after the restart',
  ]);

  // 1. Every acknowledged transition is in the database, where its answer said it was.
  check(
    'every 2xx is durable: the case reached at least the returned version, and its n-th transition event (n = returned version) is that action, ending in the returned state',
    acknowledged.map((ack) => {
      const row = caseById.get(ack.caseId);
      if (!row) return `${ack.serialNo}: case missing`;
      if (row.version < ack.version) return `${ack.serialNo}: ${ack.action} answered version ${ack.version}, database has ${row.version}`;
      const event = transitionsOf(ack.caseId)[ack.version - 1];
      if (!event) return `${ack.serialNo}: no transition event for version ${ack.version} (${ack.action})`;
      if (event.action !== ack.action || event.to_state !== ack.state) {
        return `${ack.serialNo}: version ${ack.version} answered ${ack.action}→${ack.state}, trail has ${event.action}→${event.to_state} at seq ${event.seq}`;
      }
      return undefined;
    }),
  );

  // 2. Optimistic locking: no two acknowledged requests took the same version of a case.
  const claimed = new Map();
  check(
    'no lost update: no two 2xx answers claimed the same case version',
    acknowledged.map((ack) => {
      const key = `${ack.caseId}@${ack.version}`;
      const earlier = claimed.get(key);
      claimed.set(key, ack);
      return earlier ? `${ack.serialNo}: version ${ack.version} answered to both #${earlier.n} ${earlier.action} and #${ack.n} ${ack.action}` : undefined;
    }),
  );

  // 3. Transitions in the database = acknowledged ones + some of those whose answer was lost in the crash.
  const loadCaseIds = new Set(planned.map((item) => item.id));
  const transitions = [...loadCaseIds].reduce((sum, id) => sum + (caseById.get(id)?.version ?? 1) - 1, 0);
  check(
    'committed transitions are between the 2xx count and 2xx + unknown outcomes (every version above 1 came from the load)',
    [
      transitions < stats.ok ? `${transitions} transitions in the database but ${stats.ok} were acknowledged` : undefined,
      transitions > stats.ok + stats.networkErrors ? `${transitions} transitions in the database, more than ${stats.ok} acknowledged + ${stats.networkErrors} unknown` : undefined,
    ],
    `${transitions} committed = ${stats.ok} acknowledged + ${transitions - stats.ok} of ${stats.networkErrors} whose answer was lost`,
  );

  // 4. Events per case = state changes: version − 1 after the 登记 event, plus the reminders sent.
  const remindersByCase = new Map();
  for (const row of sentRows) {
    remindersByCase.set(row.case_id, (remindersByCase.get(row.case_id) ?? 0) + 1);
  }
  let remindEvents = 0;
  check(
    'events per case = 1 登记 + (version − 1) transitions + one 催办 event per clock_reminders row; seq runs 1..n',
    caseRows.map((row) => {
      const events = eventsOf.get(row.id) ?? [];
      const reminds = events.filter((event) => event.action === 'remind').length;
      remindEvents += reminds;
      const sent = remindersByCase.get(row.id) ?? 0;
      if (events.length !== 1 + (row.version - 1) + reminds) return `${row.serial_no}: ${events.length} events, version ${row.version}, ${reminds} reminders`;
      if (reminds !== sent) return `${row.serial_no}: ${reminds} 催办 events but ${sent} clock_reminders rows`;
      if (events[0]?.action !== 'create') return `${row.serial_no}: first event is ${events[0]?.action}`;
      if (events.some((event, index) => event.seq !== index + 1)) return `${row.serial_no}: seq not 1..${events.length}`;
      return undefined;
    }),
    `${eventRows.length} events, ${remindEvents} of them 催办`,
  );

  // 5. Every case is in a state of its kind, and its assignments agree with it.
  const stateFailures = [];
  for (const row of caseRows) {
    const list = assignmentsOf.get(row.id) ?? [];
    const leads = list.filter((a) => a.role === 'lead' && a.state !== 'withdrawn' && a.state !== 'returned');
    const name = row.serial_no;
    if (!KIND_STATES.includes(row.state)) stateFailures.push(`${name}: unknown state ${row.state}`);
    if (row.is_closed !== (row.state === 'closed')) stateFailures.push(`${name}: state ${row.state} but is_closed ${row.is_closed}`);
    if ((row.closed_at !== null) !== row.is_closed) stateFailures.push(`${name}: is_closed ${row.is_closed} but closed_at ${row.closed_at}`);
    if (row.state === 'registered' && list.length > 0) stateFailures.push(`${name}: 待交办 with ${list.length} assignments`);
    if (row.state !== 'registered' && leads.length === 0) stateFailures.push(`${name}: ${row.state} without a lead unit`);
    if (['leader_review', 'closed'].includes(row.state) && leads.some((a) => a.state !== 'replied' || a.accepted_at === null)) {
      stateFailures.push(`${name}: ${row.state} with a lead reply not in or not accepted`);
    }
    for (const a of list) {
      if (!ASSIGNMENT_STATES.includes(a.state)) stateFailures.push(`${name}: assignment in unknown state ${a.state}`);
      if (a.state === 'pending' && a.signed_at !== null) stateFailures.push(`${name}: pending assignment already signed`);
      if (['in_progress', 'replied'].includes(a.state) && a.signed_at === null) stateFailures.push(`${name}: ${a.state} assignment never signed`);
      if (a.state === 'replied' && (a.replied_at === null || a.reply === null)) stateFailures.push(`${name}: replied assignment without a reply`);
      if (a.accepted_at !== null && a.state !== 'replied') stateFailures.push(`${name}: accepted reply on a ${a.state} assignment`);
    }
  }
  check('every case is in a state of its kind; assignments agree with the case state (lead replies accepted before 报审/办结)', stateFailures);

  // 6. The brief's example of an illegal pair: a closed case whose unit still has the work open.
  check(
    'no assignment is still pending or in progress in a closed case',
    caseRows
      .filter((row) => row.is_closed)
      .flatMap((row) =>
        (assignmentsOf.get(row.id) ?? [])
          .filter((a) => a.state === 'pending' || a.state === 'in_progress')
          .map((a) => `${row.serial_no}: closed, but its ${a.role} assignment ${a.id} is ${a.state}`),
      ),
  );

  // 7. The trail replayed gives the stored state: the case state and each assignment's state and extensions.
  const replayFailures = [];
  for (const row of caseRows) {
    const events = eventsOf.get(row.id) ?? [];
    let state = null;
    const units = new Map(); // unitId → { state, accepted, extends }
    const byAssignment = new Map((assignmentsOf.get(row.id) ?? []).map((a) => [a.id, a]));
    const unitOf = (data) => data?.unitId ?? byAssignment.get(data?.assignmentId)?.unit_id;
    for (const event of events) {
      if (event.action === 'remind') continue;
      if (event.from_state !== state && event.action !== 'create') {
        replayFailures.push(`${row.serial_no}: seq ${event.seq} ${event.action} from ${event.from_state}, but the trail had it in ${state}`);
        break;
      }
      state = event.to_state ?? state;
      const unit = units.get(unitOf(event.data));
      switch (event.action) {
        case 'assign':
          for (const item of event.data?.assigned ?? []) units.set(item.unitId, { state: 'pending', accepted: false, extends: 0 });
          break;
        case 'sign':
          if (unit) unit.state = 'in_progress';
          break;
        case 'reply':
          if (unit) Object.assign(unit, { state: 'replied', accepted: false });
          break;
        case 'accept_reply':
          if (unit) unit.accepted = true;
          break;
        case 'reject_reply':
          if (unit) Object.assign(unit, { state: 'in_progress', accepted: false });
          break;
        case 'extend':
          if (unit) unit.extends += 1;
          break;
        case 'reinstruct':
          for (const unitId of event.data?.reopened ?? []) Object.assign(units.get(unitId) ?? {}, { state: 'in_progress', accepted: false });
          break;
        default:
      }
      // A closing event ends the assignments still open, and names their units.
      for (const unitId of event.data?.endedAssignments ?? []) Object.assign(units.get(unitId) ?? {}, { state: 'ended' });
    }
    if (state !== row.state) replayFailures.push(`${row.serial_no}: trail ends in ${state}, case is ${row.state}`);
    for (const a of assignmentsOf.get(row.id) ?? []) {
      const replayed = units.get(a.unit_id);
      const storedExtends = (clockInputsOf.get(a.id)?.events ?? []).filter((event) => event.action === 'extend').length;
      if (!replayed) replayFailures.push(`${row.serial_no}: assignment ${a.id} has no 交办 event`);
      else if (replayed.state !== a.state || replayed.accepted !== (a.accepted_at !== null) || replayed.extends !== storedExtends) {
        replayFailures.push(
          `${row.serial_no}: assignment of unit ${a.unit_id} is ${a.state}/${a.accepted_at ? 'accepted' : 'open'}/${storedExtends} extensions, trail says ${replayed.state}/${replayed.accepted ? 'accepted' : 'open'}/${replayed.extends}`,
        );
      }
    }
  }
  check('replaying each trail gives the stored case state and each assignment’s state, acceptance and extensions', replayFailures);

  // 8. 待办 match the states: none on closed cases; each open assignment waits on its unit.
  const workFailures = [];
  for (const row of caseRows) {
    const items = workRows.filter((item) => item.case_id === row.id);
    if (row.is_closed && items.length > 0) workFailures.push(`${row.serial_no}: closed with ${items.length} 待办`);
    if (row.state !== 'handling') continue;
    for (const a of assignmentsOf.get(row.id) ?? []) {
      const label = a.state === 'pending' ? '签收' : a.state === 'in_progress' ? '办理答复' : undefined;
      if (label && !items.some((item) => item.assignment_id === a.id && item.label === label)) workFailures.push(`${row.serial_no}: ${a.state} assignment without its 待办「${label}」`);
    }
  }
  check('待办 agree with the states (none on closed cases, one per open assignment)', workFailures);

  // 9. Reminders are never sent on a closed case (the sweep runs at every start, so the restart swept).
  check(
    'no 催办 event after a case was closed',
    caseRows.map((row) => {
      const events = eventsOf.get(row.id) ?? [];
      const closedAt = events.findIndex((event) => event.to_state === 'closed');
      const late = closedAt >= 0 ? events.slice(closedAt + 1).find((event) => event.action === 'remind') : undefined;
      return late ? `${row.serial_no}: 催办 at seq ${late.seq} (${late.data?.rule}, assignment ${late.data?.assignmentId}) after 办结 at seq ${events[closedAt].seq}` : undefined;
    }),
  );

  // A request sent with the version just read either wins or, when someone else took that version first, gets 409
  // (docs/ARCHITECTURE.md: "A stale version is a 409"). Anything else is a finding; say whether the version had gone.
  const takenBy = new Map(acknowledged.map((ack) => [`${ack.caseId}@${ack.version}`, ack]));
  check(
    'no 5xx, and no refusal other than 409 for a request made on the version just read',
    stats.unexpected.map((item) => {
      const winner = takenBy.get(`${item.caseId}@${item.version + 1}`);
      const why = winner ? `stale: v${item.version + 1} was taken by #${winner.n} ${winner.action}, so this should have been 409` : 'the version was current';
      return `#${item.n} ${item.action} on ${item.serialNo} v${item.version} → ${item.status} ${item.answer} (${why})`;
    }),
  );
};

// ---------------------------------------------------------------- main

const admin = new pg.Client({ connectionString: adminUrl });
let created = false;
let exitCode = 1;
const overall = setTimeout(() => {
  console.error(`\ncrash test took longer than ${OVERALL_LIMIT_MS / 1000} s: stopping`);
  void cleanUp().finally(() => {
    console.log('\n0 passed, 1 failed');
    process.exit(1);
  });
}, OVERALL_LIMIT_MS);

const cleanUp = async () => {
  await killServer('SIGKILL').catch(() => undefined);
  agent.destroy();
  if (created) {
    const dropper = new pg.Client({ connectionString: adminUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${dbName} with (force)`);
    await dropper.end();
    created = false;
  }
};
// Whatever ends this process (an uncaught error, a closed stdout), the server it started goes with it.
process.on('exit', () => server?.child.kill('SIGKILL'));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  console.log(`Crash test: ${TOTAL} transitions from ${CLIENTS} clients on ${CASES} 领导批示件, seed ${seed} (CRASH_SEED=${seed} replays the choices)`);
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  created = true;
  await admin.end();
  port = await freePort();
  await startServer('server');
  const office = await setUpOffice();
  const cases = await registerCases(office);
  console.log(`Set-up: database ${dbName}, server pid ${server.pid} on port ${port}, ${office.units.length} units, ${Object.keys(office.sessions).length} users, ${cases.length} cases (${Date.now() - startedAt} ms)`);

  const killAt = Math.floor(TOTAL * (0.4 + 0.2 * random()));
  const crashDone = { promise: undefined };
  const loadStarted = Date.now();
  const progress = setInterval(() => {
    console.log(`  … ${((Date.now() - loadStarted) / 1000).toFixed(0)} s: ${stats.sent} sent, ${stats.ok} 2xx, ${stats.conflicts} 409, ${stats.networkErrors} errors, ${inFlightPosts} in flight, ${stats.gets} GETs, phase ${phase}`);
  }, 5_000);
  progress.unref();
  await Promise.all(Array.from({ length: CLIENTS }, () => runClient({ cases, sessions: office.sessions, killAt, crashDone })));
  if (crashDone.promise) await crashDone.promise;
  clearInterval(progress);
  const loadMs = Date.now() - loadStarted;
  // A clean restart (SIGTERM, start): its start-time 催办 sweep runs over the final states (closed cases included);
  // then stop it so that nothing writes while we check.
  await killServer('SIGTERM');
  await startServer('final');
  const watcher = new pg.Client({ connectionString: dbUrl });
  await watcher.connect();
  for (let quiet = 0, tries = 0; quiet < 10 && tries < 300; tries += 1) {
    const { rows } = await watcher.query(`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = 7262027 and database = (select oid from pg_database where datname = current_database())`);
    quiet = rows[0].n === 0 ? quiet + 1 : 0;
    await sleep(100);
  }
  await watcher.end();
  await killServer('SIGTERM');

  const closed = cases.filter((item) => item.done).length;
  console.log('\nFigures:');
  console.log(`  requests sent (POST transitions)   ${stats.sent}   (+ ${stats.gets} GETs to read the case first)`);
  console.log(`  2xx                                ${stats.ok}   (${stats.okBeforeKill} before the kill, ${stats.okAfterRestart} after the restart)`);
  const mix = {};
  for (const ack of acknowledged) mix[ack.action] = (mix[ack.action] ?? 0) + 1;
  console.log(`  2xx by action                      ${Object.entries(mix).sort((a, b) => b[1] - a[1]).map(([action, n]) => `${action} ${n}`).join(', ')}`);
  console.log(`  409 stale version                  ${stats.conflicts}`);
  console.log(`  connection errors (kill/restart)   ${stats.networkErrors}   (outcome unknown to the client)`);
  console.log(`  other answers                      ${stats.unexpected.length}   (${stats.serverErrors} of them 5xx)`);
  console.log(`  killed at request                  #${killedAt?.sent} of ${TOTAL} (${killedAt ? Math.round((killedAt.sent / TOTAL) * 100) : '-'} %), ${killedAt?.inFlight} POSTs in flight; restart took ${restartMs} ms`);
  console.log(`  cases run to 办结 by the load       ${closed} of ${cases.length}`);
  console.log(`  load time                          ${(loadMs / 1000).toFixed(1)} s (${Math.round((stats.sent / loadMs) * 1000)} POST/s with the restart)`);

  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    await runChecks(client, { cases });
    await client.query('commit');

    const verified = fubanCli(['verify-trail']);
    check('`fuban verify-trail` passes', [verified.status === 0 && /全部完好/.test(verified.stdout) ? undefined : `exit ${verified.status}: ${verified.stdout}${verified.stderr}`], verified.stdout.trim());

    // And it would have said so: edit one recorded comment behind the application's back.
    const { rows } = await client.query(`select e.case_id, e.seq, c.serial_no from case_events e join cases c on c.id = e.case_id where e.seq = 2 order by c.serial_no limit 1`);
    const target = rows[0];
    await client.query('alter table case_events disable trigger case_events_no_update');
    await client.query(`update case_events set comment = coalesce(comment, '') || '（事后改动）' where case_id = $1 and seq = $2`, [target.case_id, target.seq]);
    await client.query('alter table case_events enable trigger case_events_no_update');
    const tampered = fubanCli(['verify-trail']);
    const output = `${tampered.stdout}${tampered.stderr}`;
    check(
      '`fuban verify-trail` exits 1 and names a record edited in the database',
      [tampered.status === 1 && output.includes(target.serial_no) && output.includes(`第 ${target.seq} 条`) ? undefined : `exit ${tampered.status}: ${output}`],
      output.trim().split('\n').slice(-1)[0],
    );
  } finally {
    await client.end();
  }
  exitCode = results.every((result) => result.ok) ? 0 : 1;
} catch (error) {
  console.error('\nThe crash test could not run to its checks:', error);
  results.push({ name: 'run', ok: false });
  if (serverLog.length) console.error(`\nLast server output:\n${serverLog.slice(-40).join('\n')}`);
} finally {
  clearTimeout(overall);
  await cleanUp();
}
// The server's errors: its stderr, and pino's error lines (level 50 and up, on stdout) — a 5xx names its cause there.
const isErrorLine = (line) => line.includes('err]') || /"level":(50|60)/.test(line);
if (exitCode !== 0 && serverLog.some(isErrorLine)) {
  console.log(`\nServer errors (last lines):\n${serverLog.filter(isErrorLine).slice(-20).join('\n')}`);
}
const passed = results.filter((result) => result.ok).length;
console.log(`\nTotal time ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(exitCode);
