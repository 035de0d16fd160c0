/**
 * 信访 metrics (METRICS.md, 值班信访): 信访件 received in 起 and the 来访 people in 人次, by source —
 * the seeds' "接待上访群众X起X人次，处理省、市信访交办函X起", "办理中央省环保督察交办信访件278件" —
 * and the share of 答复 given within their clock.
 */
import { sql } from 'drizzle-orm';
import { petitionChannels, referralSources } from '../../../../common/schemas/petition.js';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { allOf, assignedTo, ofKind, registeredWithin, selectRows } from './metrics.sql.js';
import { clockOnTimeRate } from './on-time.js';

const UNIT_RULE = '按单位统计时，计交办给该单位的信访件（主办、协办、会办均计，不含已撤回的交办）。';

/** A 转办 counts under who referred it (巡视组转办 …); any other under how it came (来信, 来访, 网上). */
const sourceOf = sql`case when c.fields->>'channel' = '转办' then coalesce(c.fields->>'referredBy', '转办') else c.fields->>'channel' end`;

const registered = ({ range, unitId }: MetricScope) => allOf(ofKind('petition'), registeredWithin(range), assignedTo(unitId));

/** Every source, fixed and in the register's order, so that a source with none reads 0. */
const sources = [...petitionChannels.filter((channel) => channel !== '转办'), ...referralSources];

export const petitionsVisits: MetricDefinition = {
  id: 'petitions.visits',
  label: '信访件数（起、人次）',
  unit: '起',
  description:
    `统计期内登记的信访件起数（按登记时间，北京时间；含不予受理的），按来源分项：来信、来访、网上，转办件按转办来源（巡视组转办、环保督察交办、上级交办函）。另计来访人次（每起来访登记的人数之和）和集体访（5 人以上）起数、人次。${UNIT_RULE}`,
  kinds: ['petition'],
  labels: { visitPeople: '来访人次', collectiveVisits: '集体访起数', collectivePeople: '集体访人次' },
  compute: async ({ db, ...scope }) => {
    const rows = await selectRows<{ source: string; batches: number; people: number; collective: number; collectivePeople: number }>(
      db,
      sql`select ${sourceOf} as source, count(*)::int as batches,
                 coalesce(sum((c.fields->>'visitors')::int), 0)::int as people,
                 count(*) filter (where (c.fields->>'isCollective')::boolean)::int as collective,
                 coalesce(sum((c.fields->>'visitors')::int) filter (where (c.fields->>'isCollective')::boolean), 0)::int as "collectivePeople"
          from cases c where ${registered(scope)} group by 1`,
    );
    const parts: Record<string, number> = Object.fromEntries(sources.map((source) => [source, 0]));
    for (const row of rows) parts[row.source] = row.batches;
    const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
    return {
      value: sum((row) => row.batches),
      parts,
      extra: { visitPeople: sum((row) => row.people), collectiveVisits: sum((row) => row.collective), collectivePeople: sum((row) => row.collectivePeople) },
    };
  },
  records: (scope) => sql`select c.id from cases c where ${registered(scope)}`,
};

/** 答复意见 given within the range, read from the stored 答复期限 clock (engine/clocks, on-time.ts). */
export const petitionsOnTimeRate = clockOnTimeRate({
  id: 'petitions.onTimeRate',
  label: '信访件按期答复率',
  description: `统计期内出具答复意见的信访件中，在答复期限（自受理之日起 60 日，经批准延长的按延长后的期限）内答复的比例，保留一位小数。分项：按期答复、逾期答复件数。${UNIT_RULE}`,
  kind: 'petition',
  clockId: 'answer',
  concludedBy: ['answer'],
  labels: { inTime: '按期答复', late: '逾期答复', total: '答复' },
  unitRule: 'assigned',
});

export const petitionMetrics: readonly MetricDefinition[] = [petitionsVisits, petitionsOnTimeRate];
