/**
 * EXPLAIN (ANALYZE) of the ledger's queries on a kept bench database, one line per query, so a change to the
 * ledger can be checked for its plans and not only its figures:
 *
 *   BENCH_LOAD_ONLY=1 npm run bench -- --quick        # loads and keeps fuban_bench_<pid>
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/fuban_bench_<pid> node --import tsx scripts/bench/explain-ledger.ts
 *
 * Runs listCases (and the 待办 page with its count) as the bench's office clerk and as the 联络员 of the busiest unit,
 * captures each SQL statement drizzle sends, and prints its top plan nodes with the time they took and the buffers they read.
 */
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { permissionsOf, scopeOf, type Role } from '../../common/access.js';
import { CaseQuery } from '../../common/schemas/cases.js';
import * as schema from '../../server/src/db/schema/index.js';
import { listCases } from '../../server/src/engine/cases/ledger.js';
import { inboxCounts, listInbox } from '../../server/src/engine/work/inbox.service.js';
import { registerAllKinds } from '../../server/src/modules/kinds.js';
import type { Actor } from '../../server/src/platform/actor.js';
import type { Db } from '../../server/src/platform/db.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL: the kept bench database');
const pool = new pg.Pool({ connectionString: url, max: 2 });
const captured: Array<{ query: string; params: unknown[] }> = [];
const db = drizzle(pool, { schema, logger: { logQuery: (query, params) => void captured.push({ query, params }) } }) as unknown as Db;
registerAllKinds();

const actorNamed = async (username: string): Promise<Actor> => {
  const { rows } = await pool.query<{ id: string; display_name: string; unit_id: string; roles: Role[] }>(
    `select u.id, u.display_name, u.unit_id, array_agg(r.role) as roles from users u join user_roles r on r.user_id = u.id where u.username = $1 group by u.id`,
    [username],
  );
  const user = rows[0]!;
  return { userId: user.id, username, displayName: user.display_name, unitId: user.unit_id, roles: user.roles, permissions: new Set(permissionsOf(user.roles)), scope: scopeOf(user.roles), ip: null };
};

/** The nodes of a JSON plan, depth first, as `Node Type [on relation using index] (actual ms, rows)`. */
const describe = (node: Record<string, unknown>, depth = 0): string[] => {
  const name = [node['Node Type'], node['Relation Name'] ? `on ${node['Relation Name']}` : '', node['Index Name'] ? `using ${node['Index Name']}` : ''].filter(Boolean).join(' ');
  const buffers = node['Shared Hit Blocks'] === undefined ? '' : `, buffers ${node['Shared Hit Blocks']} hit ${node['Shared Read Blocks']} read`;
  const line = `${'  '.repeat(depth)}${name} (${Number(node['Actual Total Time']).toFixed(2)} ms, ${node['Actual Rows']} rows × ${node['Actual Loops']}${buffers})`;
  return [line, ...((node.Plans as Array<Record<string, unknown>> | undefined) ?? []).flatMap((child) => describe(child, depth + 1))];
};

const clerk = await actorNamed('bench.clerk1');
const liaison = await actorNamed('bench.liaison1.1');
const { rows: busiest } = await pool.query<{ unit_id: string }>(`select unit_id from case_unit_visibility group by unit_id order by count(*) desc limit 1`);
const { rows: smallest } = await pool.query<{ unit_id: string }>(`select unit_id from case_unit_visibility group by unit_id order by count(*) asc limit 1`);
const cases: Array<[string, Actor, Record<string, string>]> = [
  ['office ledger, first page', clerk, { kind: 'instruction' }],
  ['office ledger, 办理中 + 逾期', clerk, { kind: 'instruction', state: 'handling', due: 'red' }],
  ['office ledger, search a word', clerk, { kind: 'instruction', q: '加装电梯' }],
  ['office ledger, due first', clerk, { kind: 'instruction', sort: 'due_asc' }],
  ['office ledger, busiest unit filter', clerk, { kind: 'instruction', unit: busiest[0]!.unit_id }],
  ['office ledger, smallest unit filter', clerk, { kind: 'instruction', unit: smallest[0]!.unit_id }],
  ['联络员 ledger (busiest unit)', liaison, { kind: 'instruction' }],
  ['联络员 ledger, due first', liaison, { kind: 'instruction', sort: 'due_asc' }],
];
for (const [label, actor, raw] of cases) {
  captured.length = 0;
  await listCases({ db, actor, query: CaseQuery.parse({ limit: '20', ...raw }), now: new Date() });
  console.log(`\n## ${label}`);
  for (const { query, params } of captured.filter(({ query }) => /from "cases"|case_unit_visibility/.test(query) && !/^explain/.test(query))) {
    const { rows } = await pool.query(`explain (analyze, format json) ${query}`, params);
    const plan = (rows[0] as { 'QUERY PLAN': Array<{ Plan: Record<string, unknown>; 'Execution Time': number }> })['QUERY PLAN'][0]!;
    console.log(`- ${query.slice(0, 90).replace(/\s+/g, ' ')}… — ${plan['Execution Time'].toFixed(2)} ms`);
    for (const line of describe(plan.Plan).slice(0, 12)) console.log(`    ${line}`);
  }
}
// 待办 as the web asks for it (limit 50) and its count (the badge, 共 N 条), for the busiest unit's 联络员 and the office clerk.
for (const [label, actor] of [['联络员 待办 (busiest unit)', liaison], ['clerk 待办', clerk]] as const) {
  captured.length = 0;
  await listInbox({ db, actor, now: new Date(), limit: 50 });
  await inboxCounts({ db, actor, now: new Date() });
  console.log(`\n## ${label}`);
  for (const { query, params } of captured.filter(({ query }) => /work_items/.test(query))) {
    const { rows } = await pool.query(`explain (analyze, buffers, format json) ${query}`, params);
    const plan = (rows[0] as { 'QUERY PLAN': Array<{ Plan: Record<string, unknown>; 'Execution Time': number }> })['QUERY PLAN'][0]!;
    console.log(`- ${query.slice(0, 90).replace(/\s+/g, ' ')}… — ${plan['Execution Time'].toFixed(2)} ms`);
    for (const line of describe(plan.Plan).slice(0, 16)) console.log(`    ${line}`);
  }
}
await pool.end();
