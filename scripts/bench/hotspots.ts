/**
 * 12345 热点 at a big city's volume (`node --import tsx scripts/bench/hotspots.ts`): a fresh PostgreSQL database,
 * migrated, with HOTSPOTS_PER_DAY tickets a day (default 9,500: 唐山's 28.4 万 a month) over the 5 weeks the
 * 热点 read plus HOTSPOTS_OLDER_DAYS days before them (default 60), loaded by one INSERT … SELECT; then the plans
 * (EXPLAIN ANALYZE) of the two statements and the median of five calls of the whole use case (readHotspots) as
 * the center. Not a test: it prints figures. HOTSPOTS_KEEP=1 keeps the database.
 * Environment: BENCH_DATABASE_URL (or TEST_DATABASE_URL; default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildUnit, buildUser, actorOf } from '../../server/test/factories.js';
import { countTicketsByWeek, idBound, readTicketContents, shanghaiStart } from '../../server/src/modules/hotline/hotline.hotspots.repository.js';
import { countWords, readHotspots, weekOf, WORD_SAMPLE_PER_WEEK } from '../../server/src/modules/hotline/hotline.hotspots.js';
import { registerAllKinds } from '../../server/src/modules/kinds.js';
import { addDays } from '../../server/src/engine/calendar/dates.js';
import { openDatabase, rowsOf } from '../../server/src/platform/db.js';

const env = process.env;
const adminUrl = env.BENCH_DATABASE_URL || env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const PER_DAY = Number(env.HOTSPOTS_PER_DAY ?? 9_500);
const OLDER_DAYS = Number(env.HOTSPOTS_OLDER_DAYS ?? 60);
const dbName = `fuban_hotspots_${process.pid}`;
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const log = (line: string) => console.log(line);

const now = new Date('2026-11-19T15:00:00+08:00'); // a Thursday: this week has three and a half days
const week = weekOf('2026-11-19');
const firstDay = addDays(week.from, -28 - OLDER_DAYS);
const days = 28 + OLDER_DAYS + 4;
registerAllKinds();
const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
try {
  const db = database.db;
  const unit = await buildUnit(db, { type: 'department', name: '热线中心' });
  const user = await buildUser(db, { roles: ['hotline_staff'], unitId: unit.id });
  const started = Date.now();
  // Categories and 街乡 drawn with uneven weights (a real city has a long tail); content from a few phrasings.
  await db.execute(sql`
    insert into cases (kind, year, seq, serial_no, title, state, fields, owner_unit_id, created_by, created_at)
    select 'ticket', 2026, i, 'B' || i, '投诉：' || i,
      case when i % 50 = 0 then 'merged' when i % 7 = 0 then 'handling' else 'closed' end,
      jsonb_build_object('channel', '电话', 'ticketType', '投诉', 'callerName', '王**',
        'category', (array['城市管理/路灯照明','城市管理/占道经营','城乡建设/供水供气','城乡建设/物业管理','生态环境/噪声扰民','市场监管/食品安全','劳动社保/劳动欠薪','交通出行/停车管理','政务服务/政策咨询','教育卫生/医疗服务'])[1 + (floor(power(random(), 2) * 10))::int],
        'area', (array['东街街道','西街街道','南关街道','北关街道','青石镇','白杨镇','河口乡','新城街道','老城街道','开发区街道','高新街道','临河镇'])[1 + (floor(power(random(), 1.5) * 12))::int],
        -- About 100 characters, as a caller's account runs: three complaints and the usual request.
        'content', (array['背街小巷路灯连续三晚不亮，夜里行人看不清路。','小区停水两天，物业未告知原因，老人生活困难。','楼上住户装修，晚上十点后仍在施工，噪音扰民。','超市购买的预包装食品已过保质期，商家拒绝退换。','公司拖欠三个月工资，多次讨要未果。','小区门口流动摊贩占道经营，早高峰影响通行。','医院挂号排队时间太长，希望增加自助挂号机。','老旧小区停车位不足，车辆乱停乱放堵塞消防通道。'])[1 + (i % 8)] || (array['背街小巷路灯连续三晚不亮，夜里行人看不清路。','小区停水两天，物业未告知原因，老人生活困难。','楼上住户装修，晚上十点后仍在施工，噪音扰民。','超市购买的预包装食品已过保质期，商家拒绝退换。','公司拖欠三个月工资，多次讨要未果。','小区门口流动摊贩占道经营，早高峰影响通行。','医院挂号排队时间太长，希望增加自助挂号机。','老旧小区停车位不足，车辆乱停乱放堵塞消防通道。'])[1 + ((i * 3) % 8)] || (array['背街小巷路灯连续三晚不亮，夜里行人看不清路。','小区停水两天，物业未告知原因，老人生活困难。','楼上住户装修，晚上十点后仍在施工，噪音扰民。','超市购买的预包装食品已过保质期，商家拒绝退换。','公司拖欠三个月工资，多次讨要未果。','小区门口流动摊贩占道经营，早高峰影响通行。','医院挂号排队时间太长，希望增加自助挂号机。','老旧小区停车位不足，车辆乱停乱放堵塞消防通道。'])[1 + ((i * 5) % 8)] || '希望相关部门尽快核实处理，给予答复。'),
      ${unit.id}::uuid, ${user.id}::uuid,
      ${shanghaiStart(firstDay)}::timestamptz + (i::double precision / ${PER_DAY}) * interval '1 day'
    from generate_series(1, ${PER_DAY * days}) as i`);
  // As autovacuum leaves them in a running system: the day counts are updated in place once per ticket.
  await db.execute(sql`vacuum analyze cases`);
  await db.execute(sql`vacuum analyze hotline_ticket_days`);
  const [{ n } = { n: 0 }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from cases`));
  log(`loaded ${n.toLocaleString('en')} tickets (${PER_DAY.toLocaleString('en')} a day, ${days} days) in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const [kept] = rowsOf<{ days: number; cases: number }>(
    await db.execute(sql`select (select sum(n)::int from hotline_ticket_days) as days, (select count(*)::int from cases where kind = 'ticket' and state <> 'merged') as cases`),
  );
  log(`hotline_ticket_days holds ${kept!.days.toLocaleString('en')} tickets; cases ${kept!.cases.toLocaleString('en')} (not merged)`);

  const explain = async (label: string, text: string, params: unknown[]) => {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${text}`, params);
    await client.end();
    log(`\n${label}\n${rows.map((row) => `  ${row['QUERY PLAN']}`).join('\n')}`);
  };
  // The statements as hotline.hotspots.repository.ts writes them.
  const from = addDays(week.from, -28);
  await explain(
    'the center: counts by week, category and 街乡 (5 weeks of day counts)',
    `select (d.day - $1::date) / 7 as week_index, d.category, d.area, sum(d.n)::int as n
      from hotline_ticket_days d where d.day >= $1::date and d.day < $2::date group by 1, 2, 3 having sum(d.n) <> 0`,
    [from, addDays(week.from, 7)],
  );
  const [{ n: weekTickets } = { n: 0 }] = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from cases where kind = 'ticket' and state <> 'merged' and created_at >= ${shanghaiStart(week.from)}::timestamptz and created_at < ${shanghaiStart(addDays(week.from, 7))}::timestamptz`),
  );
  await explain(
    `a week's content, sampled (${WORD_SAMPLE_PER_WEEK.toLocaleString('en')} of ${weekTickets.toLocaleString('en')})`,
    `select left(cases.fields->>'content', 120) as content from cases
      where cases.kind = 'ticket' and cases.state <> 'merged' and cases.created_at >= $1::timestamptz and cases.created_at < $2::timestamptz
        and cases.id < $3::uuid limit ${WORD_SAMPLE_PER_WEEK}`,
    [shanghaiStart(week.from), shanghaiStart(addDays(week.from, 7)), idBound((WORD_SAMPLE_PER_WEEK / Math.max(weekTickets, 1)) * 0.94)],
  );

  const actor = actorOf(user, ['hotline_staff']);
  const timings: number[] = [];
  let surges = 0;
  for (let run = 0; run < 6; run += 1) {
    const at = performance.now();
    const view = await readHotspots({ db, actor, query: { week: '2026-11-19' }, now });
    // The first also loads jieba's dictionary and cuts last week's words, which later calls find kept.
    if (run > 0) timings.push(performance.now() - at);
    else log(`first call: ${(performance.now() - at).toFixed(0)} ms`);
    surges = view.surges.length;
    if (run === 0) log(`\nthis week ${view.totals.thisWeek.toLocaleString('en')} tickets (words from ${view.wordSample.thisWeek.sampled.toLocaleString('en')}), last week ${view.totals.lastWeek.toLocaleString('en')}; top word ${view.words[0]?.key} ${view.words[0]?.thisWeek}`);
  }
  timings.sort((a, b) => a - b);
  // Where the time goes: the statements, then jieba.
  const part = async <T>(label: string, run: () => Promise<T> | T): Promise<T> => {
    const at = performance.now();
    const result = await run();
    log(`  ${label}: ${(performance.now() - at).toFixed(0)} ms`);
    return result;
  };
  await part('day counts, 5 weeks', () => countTicketsByWeek({ db, from, to: addDays(week.from, 7) }));
  const sampleOf = { size: WORD_SAMPLE_PER_WEEK, of: weekTickets };
  const texts = await part('this week\'s content, sampled', () => readTicketContents({ db, from: week.from, to: addDays(week.from, 7), sample: sampleOf, chars: 120 }));
  await part(`jieba over ${texts.length.toLocaleString('en')} tickets`, () => countWords(texts));
  log(`readHotspots as the center: median ${timings[2]!.toFixed(0)} ms, max ${timings[timings.length - 1]!.toFixed(0)} ms over ${timings.length} calls (${surges} surges)`);
} finally {
  await database.close();
  if (env.HOTSPOTS_KEEP !== '1') await admin.query(`drop database ${dbName}`);
  else log(`kept ${url.toString()}`);
  await admin.end();
}
