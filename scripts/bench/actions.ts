/**
 * Action throughput benchmark (`node --import tsx scripts/bench/actions.ts`): what one action and one
 * registration cost in time and in database round trips, through the same use cases the routes call.
 * A fresh PostgreSQL database (dropped at the end) and two workloads, first one case at a time so each action's
 * queries can be counted exactly (every `pg` Client.query is counted, BEGIN and COMMIT included):
 *  - 发文: 登记 (create) → 送审 → 签发 → 复核 → 登记编号 — the path of the 文号 crash test, no clock reacts to it;
 *  - 收文: 登记 → 初审 → 拟办 → 交办 two units → 签收 — 交办 and 签收 move the assignments' clocks.
 * Environment: BENCH_DATABASE_URL (or TEST_DATABASE_URL; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_ACTION_CASES (200 per workload and pass), BENCH_ACTION_CONCURRENCY (8, the second pass), BENCH_ACTION_TRACE=1.
 */
import pg from 'pg';
import { createCase } from '../../server/src/engine/cases/create-case.js';
import { performAction } from '../../server/src/engine/cases/perform-action.js';
import { registerAllKinds } from '../../server/src/modules/kinds.js';
import { issuerCodes } from '../../server/src/db/schema/index.js';
import { saveChain } from '../../server/src/modules/outgoing/chains.service.js';
import type { Actor } from '../../server/src/platform/actor.js';
import { actorOf, buildUnit, buildUser } from '../../server/test/factories.js';

// test-db.ts reads TEST_DATABASE_URL when it loads: set it first, so the database is PostgreSQL, never PGlite.
process.env.TEST_DATABASE_URL ||= process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const { createTestDatabase } = await import('../../server/test/test-db.js');
const CASES = Number(process.env.BENCH_ACTION_CASES ?? 200);
const CONCURRENCY = Number(process.env.BENCH_ACTION_CONCURRENCY ?? 8);

// Every round trip goes through Client.query (the pool's, and a transaction's checked-out client).
let queries = 0;
const query = pg.Client.prototype.query;
// BENCH_ACTION_TRACE=1 prints each statement of the first measured case (what an action still costs).
let tracing = false;
// How long each 登记 holds the 文号 sequence's row lock (from its upsert to the commit), and in how many
// round trips: every 登记 of a 代字 waits for it, so across servers this bounds the 登记 rate.
const locks = { count: 0, ms: 0, trips: 0 };
const heldSince = new WeakMap<pg.Client, { at: number; trips: number }>();
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries += 1;
  const text = String(typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string }).text);
  const held = heldSince.get(this);
  if (held) held.trips += 1;
  if (text.startsWith('insert into "doc_number_sequences"')) heldSince.set(this, { at: performance.now(), trips: 1 });
  else if (held && (text === 'commit' || text === 'rollback')) {
    heldSince.delete(this);
    Object.assign(locks, { count: locks.count + 1, ms: locks.ms + performance.now() - held.at, trips: locks.trips + held.trips });
  }
  if (tracing) console.log(`    ${text.replace(/\s+/g, ' ').slice(0, 150)}`);
  return (query as (...rest: unknown[]) => unknown).apply(this, args);
} as typeof query;

type Tally = { count: number; ms: number; queries: number };
const tallies = new Map<string, Tally>();
const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
  const [startedAt, before] = [performance.now(), queries];
  if (tracing) console.log(`  ${name}:`);
  const result = await run();
  const tally = tallies.get(name) ?? { count: 0, ms: 0, queries: 0 };
  tallies.set(name, { count: tally.count + 1, ms: tally.ms + performance.now() - startedAt, queries: tally.queries + queries - before });
  return result;
};

registerAllKinds();
const database = await createTestDatabase();
const db = database.db;
try {
  const office = await buildUnit(db, { type: 'office' });
  const [unitA, unitB] = [await buildUnit(db), await buildUnit(db)];
  const person = async (roles: Parameters<typeof actorOf>[1], unitId = office.id): Promise<Actor> => actorOf(await buildUser(db, { roles, unitId }), roles);
  const [clerk, director, leader, sysadmin, liaisonA] = [
    await person(['clerk']),
    await person(['director']),
    await person(['leader']),
    await person(['sysadmin']),
    await person(['liaison'], unitA.id),
  ];
  const code = '测基准发';
  await db.insert(issuerCodes).values({ code, label: '基准测试文件', issuerName: '基准测试市人民政府文件', organName: '基准测试市人民政府', printerName: '基准测试市人民政府办公室' });
  await saveChain({ db, actor: sysadmin, input: { name: `${code}签发`, issuerCode: code, docType: null, direction: null, steps: [{ label: '签发', type: 'sign', roles: ['leader'] }] } as never, now: new Date() });

  const act = async (actor: Actor, caseId: string, action: string, version: number, body: Record<string, unknown> = {}) =>
    (await timed(action, () => performAction({ db, actor, caseId, action, input: { version, ...body }, now: new Date() }))).version;

  const run = async (label: string, one: (index: number) => Promise<void>) => {
    tallies.clear();
    const [startedAt, before] = [performance.now(), queries];
    for (let index = 0; index < Math.min(5, CASES); index += 1) await one(-1 - index); // warm-up: JIT, caches, plans
    tallies.clear();
    Object.assign(locks, { count: 0, ms: 0, trips: 0 });
    const [warmAt, warmQueries] = [performance.now(), queries];
    for (let index = 0; index < CASES; index += 1) {
      tracing = index === 0 && Boolean(process.env.BENCH_ACTION_TRACE);
      await one(index);
      tracing = false;
    }
    const seconds = (performance.now() - warmAt) / 1000;
    const actions = [...tallies.entries()].filter(([name]) => name !== 'create').reduce((sum, [, tally]) => sum + tally.count, 0);
    const actionQueries = [...tallies.entries()].filter(([name]) => name !== 'create').reduce((sum, [, tally]) => sum + tally.queries, 0);
    console.log(`\n${label}: ${CASES} cases, ${actions} actions in ${seconds.toFixed(1)} s (warm-up ${((warmAt - startedAt) / 1000).toFixed(1)} s, ${warmQueries - before} queries)`);
    const actionMs = [...tallies.entries()].filter(([name]) => name !== 'create').reduce((sum, [, tally]) => sum + tally.ms, 0);
    console.log(`  all steps: ${((CASES + actions) / seconds).toFixed(1)} steps/s; actions alone: ${(actions / (actionMs / 1000)).toFixed(1)} actions/s, ${(actionQueries / actions).toFixed(1)} queries/action`);
    if (locks.count > 0) console.log(`  文号 lock held per 登记: ${(locks.ms / locks.count).toFixed(2)} ms, ${(locks.trips / locks.count).toFixed(1)} round trips (commit included)`);
    for (const [name, tally] of tallies) {
      console.log(`  ${name.padEnd(10)} ${(tally.ms / tally.count).toFixed(2).padStart(7)} ms  ${(1000 / (tally.ms / tally.count)).toFixed(1).padStart(7)} /s  ${(tally.queries / tally.count).toFixed(1).padStart(5)} queries`);
    }
    // The same walk, CONCURRENCY cases at a time: work held under a shared lock (the 文号 sequence) shows here.
    let next = CASES;
    const concurrentAt = performance.now();
    const worker = async () => {
      for (let index = next++; index < 2 * CASES; index = next++) await one(index);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const concurrentSeconds = (performance.now() - concurrentAt) / 1000;
    console.log(`  ${CONCURRENCY} at a time: ${(CASES / concurrentSeconds).toFixed(1)} cases/s, ${((CASES + actions) / concurrentSeconds).toFixed(1)} steps/s`);
  };

  await run('发文 (no clock reacts)', async (index) => {
    const fields = {
      issuerCode: code,
      docType: '通知',
      direction: '下行文',
      title: `基准测试市人民政府关于做好第${index + 1000}项重点工作的通知`,
      mainTo: [{ name: '各县（市、区）人民政府' }],
      copyTo: [],
      body: [{ level: 0, text: `为做好第${index + 1000}项重点工作，现将有关事项通知如下。` }],
      copies: 10,
      signerId: leader.userId,
    };
    const created = await timed('create', () => createCase({ db, actor: clerk, kindId: 'outgoing', fields, now: new Date() }));
    let version = await act(clerk, created.id, 'submit', created.version);
    version = await act(leader, created.id, 'sign_off', version, { comment: '同意。' });
    version = await act(clerk, created.id, 'check', version);
    await act(clerk, created.id, 'register', version);
  });

  await run('收文 (交办 and 签收 move clocks)', async (index) => {
    const fields = {
      fromOrg: '省人民政府办公厅',
      docNumber: `省政办发〔2026〕${index + 1000}号`,
      docType: '通知',
      title: `关于做好第${index + 1000}项冬季安全生产工作的通知`,
      urgency: '加急',
      copies: 2,
      pages: 6,
      receivedOn: new Date().toISOString().slice(0, 10),
    };
    const created = await timed('create', () => createCase({ db, actor: clerk, kindId: 'incoming', fields, now: new Date() }));
    let version = await act(clerk, created.id, 'accept', created.version);
    version = await act(director, created.id, 'propose', version, { comment: '由甲单位牵头办理。', leaders: [] });
    version = await act(clerk, created.id, 'assign', version, { units: [{ unitId: unitA.id, role: 'lead' }, { unitId: unitB.id, role: 'assist' }] });
    await act(liaisonA, created.id, 'sign', version);
  });
} finally {
  await database.close();
}
