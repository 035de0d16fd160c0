/**
 * The plans of the 三率 (hotline.rates.ts) on PostgreSQL: a fresh database with three years of a city's
 * tickets (360,000 by default: 10,000 a month over 200 units and 50 街乡, each with its 签收 and 办结 clocks
 * and a 回访), then EXPLAIN (ANALYZE, BUFFERS) of one unit's month — each source's counts and a drill page —
 * and of the whole city's month grouped by unit (warm cache) — over the live rows (the drill-down's, and the
 * counts' reference) and over the per-day facts the board reads (migration 0033, hotline.rates.facts.ts). Prints
 * each plan and says whether any step reads a table whole (a Seq Scan on cases, assignments, case_clocks or case_events).
 *
 *   node --import tsx scripts/explain-hotline-rates.ts [postgres://postgres@127.0.0.1:5432/postgres] [tickets]
 *
 * The database (fuban_rates_plan) is dropped at the end, unless KEEP_PLAN_DB=1.
 */
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, rowsOf, type Db } from '../server/src/platform/db.js';
import { closeSource, signSource, visitSource, type SourceScope } from '../server/src/modules/hotline/hotline.rates.js';
import { partCondition } from '../server/src/modules/hotline/hotline.rates.drill.js';
import { factCounts } from '../server/src/modules/hotline/hotline.rates.facts.js';

const baseUrl = process.argv[2] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const tickets = Number(process.argv[3] ?? 360_000);
const name = 'fuban_rates_plan';

const admin = new pg.Client({ connectionString: baseUrl });
await admin.connect();
// REUSE_PLAN_DB=1: the database a KEEP_PLAN_DB=1 run left, without seeding again.
const reuse = process.env.REUSE_PLAN_DB === '1';
if (!reuse) {
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
}
const url = new URL(baseUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
const db = database.db;

const seed = async () => {
  const started = Date.now();
  const step = (statement: SQL) => db.execute(statement);
  await step(sql`insert into units (name, code, type) select '单位' || g, 'plan-' || lpad(g::text, 3, '0'), 'department' from generate_series(1, 200) g`);
  await step(sql`insert into users (username, display_name, unit_id, password_hash) select 'plan', '种子', id, 'x' from units order by code limit 1`);
  // 10,000 tickets a month from January 2024: one every 262 seconds.
  await step(sql`insert into cases (kind, year, seq, serial_no, title, state, fields, owner_unit_id, created_by, created_at)
    select 'ticket', extract(year from ts at time zone 'Asia/Shanghai')::int, g, 'P' || g, '投诉：样例' || g, case when g % 20 = 0 then 'handling' else 'closed' end,
      jsonb_build_object('area', '街乡' || (g % 50), 'ticketType', '投诉', 'channel', '电话', 'category', '城市管理/路灯照明'),
      (select unit_id from users where username = 'plan'), (select id from users where username = 'plan'), ts
    from (select g, timestamptz '2024-01-01 08:00+08' + g * interval '262 seconds' as ts from generate_series(1, ${tickets}) g) x`);
  await step(sql`insert into assignments (case_id, unit_id, role, state, assigned_at, signed_at)
    select c.id, u.id, 'lead', case when c.state = 'handling' then 'in_progress' else 'ended' end, c.created_at, c.created_at + interval '40 minutes'
    from cases c join (select id, row_number() over (order by code) - 1 as n from units where code like 'plan-%') u on u.n = c.seq % 200 where c.kind = 'ticket'`);
  const local = (column: SQL) => sql`to_char((${column}) at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:00+08:00')`;
  const day = (column: SQL) => sql`to_char((${column}) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
  await step(sql`insert into case_clocks (case_id, assignment_id, clock_id, state, started_at, due_at, stopped_at, inputs, explanation)
    select a.case_id, a.id, 'assignment.sign', 'stopped', ${local(sql`a.assigned_at`)}, ${local(sql`a.assigned_at + interval '2 hours'`)}, ${local(sql`a.signed_at`)},
      '{"events": []}', jsonb_build_object('stop', jsonb_build_object('action', 'sign', 'isInTime', c.seq % 7 <> 0))
    from assignments a join cases c on c.id = a.case_id where c.kind = 'ticket'`);
  await step(sql`insert into case_clocks (case_id, assignment_id, clock_id, state, started_at, due_at, stopped_at, inputs, explanation)
    select a.case_id, a.id, 'assignment.lead', case when a.state = 'in_progress' then 'running' else 'stopped' end, ${day(sql`a.signed_at`)},
      ${day(sql`a.signed_at + interval '18 days'`)}, case when a.state = 'in_progress' then null else ${day(sql`a.signed_at + (c.seq % 25) * interval '1 day'`)} end,
      '{"events": []}', case when a.state = 'in_progress' then '{}'::jsonb else jsonb_build_object('stop', jsonb_build_object('action', 'reply', 'isInTime', c.seq % 25 <= 18)) end
    from assignments a join cases c on c.id = a.case_id where c.kind = 'ticket'`);
  // The trail: 登记, 派单 and, for a closed ticket, its 回访 — three events a ticket.
  await step(sql`insert into case_events (case_id, seq, at, actor_id, actor_name, action, data, prev_hash, hash)
    select c.id, e.seq, c.created_at + e.seq * interval '1 hour' * case when e.seq = 3 then 80 else 1 end, c.created_by, '种子', e.action,
      case when e.seq = 3 then jsonb_build_object('visit', jsonb_build_object('result', (array['满意', '基本满意', '不满意', '未联系上'])[1 + c.seq % 4], 'resolved', case when c.seq % 3 = 0 then '未解决' else '已解决' end, 'unitId', a.unit_id::text)) end,
      '', ''
    from cases c join assignments a on a.case_id = c.id
      cross join (values (1, 'create'), (2, 'assign'), (3, 'revisit')) e(seq, action)
    where c.kind = 'ticket' and (e.seq < 3 or c.state = 'closed')`);
  await step(sql`analyze`);
  console.log(`seeded ${tickets} tickets in ${Math.round((Date.now() - started) / 1000)} s`);
};

/** `randomPageCost`: the planner's cost of a random read for this statement only (1.1 is the usual setting on SSD). */
const explain = async (label: string, statement: SQL, randomPageCost?: number) => {
  const plan = await db.transaction(async (tx) => {
    if (randomPageCost !== undefined) await tx.execute(sql.raw(`set local random_page_cost = ${randomPageCost}`));
    await tx.execute(statement); // warm: the plan's times are of a warm cache, as a busy server's would be
    return rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql`explain (analyze, buffers, costs off) ${statement}`)).map((row) => row['QUERY PLAN']);
  });
  const whole = plan.filter((line) => /Seq Scan on (cases|assignments|case_clocks|case_events)\b/.test(line));
  console.log(`\n== ${label}: ${whole.length === 0 ? 'indexes only' : `READS A TABLE WHOLE (${whole.map((line) => line.trim()).join('; ')})`}`);
  console.log(plan.join('\n'));
  return whole.length;
};

if (!reuse) await seed();
const [unit] = rowsOf<{ id: string }>(await db.execute(sql`select id from units where code = 'plan-007'`));
const scope: SourceScope = { range: { from: '2026-03-01', to: '2026-03-31' }, unitId: unit!.id, now: new Date('2026-04-15T02:00:00Z') };
const city: SourceScope = { range: scope.range, now: scope.now };
const counts = (rows: SQL, flags: readonly string[], key: SQL = sql`'all'`) =>
  sql`select ${key} as key, ${sql.join(flags.map((flag) => sql`count(*) filter (where s.${sql.identifier(flag)})::int`), sql`, `)} from (${rows}) s group by 1`;
let whole = 0;
for (const source of [signSource, closeSource, visitSource]) {
  whole += await explain(`a unit's month: ${source.id}`, counts(source.rows(scope), Object.keys(source.flags)));
}
whole += await explain(`a unit's month, drill page (响应率 未达标)`, sql`select s.row_id, s.at from (${signSource.rows(scope)}) s where ${partCondition('response', 'miss')} order by s.at desc, s.row_id desc limit 20`);
whole += await explain(`a unit's month, drill page (满意率 全部)`, sql`select s.row_id, s.at from (${visitSource.rows(scope)}) s where ${partCondition('satisfaction', 'denominator')} order by s.at desc, s.row_id desc limit 20`);
let cityWhole = 0;
for (const source of [signSource, closeSource, visitSource]) {
  cityWhole += await explain(`the city's month by unit: ${source.id}`, counts(source.rows(city), Object.keys(source.flags), sql`s.unit_key`));
}
// A month is 1/36 of three years' tickets at any scale: with the default random_page_cost (4, for spinning disks) the
// planner may prefer hashing the whole cases table to 10,000 index probes; on SSD (1.1) it probes.
let ssdWhole = 0;
for (const source of [signSource, closeSource, visitSource]) {
  ssdWhole += await explain(`the city's month by unit, random_page_cost 1.1: ${source.id}`, counts(source.rows(city), Object.keys(source.flags), sql`s.unit_key`), 1.1);
}
// What the board and the catalogue read: the facts (seeded by the triggers as the rows went in).
let factsWhole = 0;
for (const source of [signSource, closeSource, visitSource]) {
  factsWhole += await explain(`facts, a unit's month: ${source.id}`, factCounts[source.id](scope, 'all'));
  factsWhole += await explain(`facts, the city's month by unit: ${source.id}`, factCounts[source.id](city, 'unit'));
}
console.log(`\na unit's month: ${whole === 0 ? 'every plan reads indexes' : `${whole} step(s) read a table whole`}`);
console.log(`the facts: ${factsWhole === 0 ? 'every plan reads indexes' : `${factsWhole} step(s) read a table whole`}`);
console.log(`the city's month: ${cityWhole} step(s) read a table whole with the server's random_page_cost, ${ssdWhole} with 1.1`);
await database.close();
if (process.env.KEEP_PLAN_DB !== '1') await admin.query(`drop database ${name}`);
await admin.end();
