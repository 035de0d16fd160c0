/**
 * 建议提案 metrics (METRICS.md): items handled by body, 办复率, 办结率, 满意率 (and 满意 + 基本满意), the share
 * of A 类件, the items re-handled after 不满意 and how many turned satisfied, and the 人次 of deputies and
 * members the units met. Counted over the items registered in the range (a session's list arrives at once);
 * the states and answers as they stand when asked. Read from the items' own fields by the module's pure rules.
 */
import { sql, type SQL } from 'drizzle-orm';
import { contactMethods, type ProposalBody } from '../../../../common/schemas/proposal.js';
import { readProposalFields, type ProposalFields } from '../proposal/proposal.fields.js';
import { classOf } from '../proposal/proposal.rules.js';
import type { MetricDefinition, MetricScope, MetricValue } from './metric.types.js';
import { allOf, oneDecimal, ofKind, registeredWithin, selectRows } from './metrics.sql.js';

const UNIT_RULE = '按单位统计时，计该单位主办（含分办）的件（已退回、已撤回的不计）；联系代表人次只计该单位的答复。';

/** The unit answers for the item (主办, one of several for 分办), still given it. */
const leadStillGiven = sql`a.role = 'lead' and a.state not in ('withdrawn', 'returned')`;
const ledBy = (unitId: string | undefined): SQL | undefined =>
  unitId ? sql`exists (select 1 from assignments a where a.case_id = c.id and a.unit_id = ${unitId}::uuid and ${leadStillGiven})` : undefined;
/** The units ledBy counts the item (c) for, as a join giving a.unit_id (once each: assignments are unique by case and unit). */
const joinLeadUnits = sql`join assignments a on a.case_id = c.id and ${leadStillGiven}`;

const items = ({ range, unitId }: MetricScope, ...more: SQL[]) => allOf(ofKind('proposal'), registeredWithin(range), ledBy(unitId), ...more);
const assigned = sql`c.state <> 'registered'`;
const ANSWERED = sql`c.state in ('answered', 'reworking', 'closed')`;

const rowsOf = async (db: Parameters<MetricDefinition['compute']>[0]['db'], where: SQL) =>
  (await selectRows<{ state: string; fields: Record<string, unknown> }>(db, sql`select c.state, c.fields from cases c where ${where}`)).map((row) => ({ state: row.state, fields: readProposalFields(row.fields) }));

const rate = (part: number, total: number) => (total === 0 ? null : oneDecimal(part, total, 100));

const bodyCount = (body: ProposalBody, label: string): MetricDefinition => ({
  id: `proposals.${body}`,
  label,
  unit: '件',
  description: `统计期内登记的${label}件数（按登记时间，北京时间）。分项：重点件、已交办、已答复、已办结。不按单位统计时为办公室交办的全部件数；${UNIT_RULE}`,
  kinds: ['proposal'],
  labels: { key: '重点件', assigned: '已交办', answered: '已答复', closed: '已办结' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ total: number; key: number; assigned: number; answered: number; closed: number }>(
      db,
      sql`select count(*)::int as total, count(*) filter (where (c.fields->>'isKey')::boolean)::int as key, count(*) filter (where ${assigned})::int as assigned,
          count(*) filter (where ${ANSWERED})::int as answered, count(*) filter (where c.state = 'closed')::int as closed
          from cases c where ${items(scope, sql`c.fields->>'body' = ${body}`)}`,
    );
    return { value: row?.total ?? 0, parts: { key: row?.key ?? 0, assigned: row?.assigned ?? 0, answered: row?.answered ?? 0, closed: row?.closed ?? 0 } };
  },
  records: (scope) => sql`select c.id from cases c where ${items(scope, sql`c.fields->>'body' = ${body}`)}`,
});

const replyCounts = sql`count(*) filter (where ${ANSWERED})::int as answered, count(*)::int as total`;
const replyValue = (row: { answered: number; total: number } | undefined): MetricValue => {
  const answered = row?.answered ?? 0;
  const total = row?.total ?? 0;
  return { value: rate(answered, total), parts: { answered, open: total - answered } };
};

export const proposalsReplyRate: MetricDefinition = {
  id: 'proposals.replyRate',
  label: '建议提案办复率',
  unit: '%',
  description: `统计期内登记并已交办的建议提案中，已答复（办复）的比例，保留一位小数。分项：已答复、未答复。${UNIT_RULE}`,
  kinds: ['proposal'],
  labels: { answered: '已答复', open: '未答复' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ answered: number; total: number }>(db, sql`select ${replyCounts} from cases c where ${items(scope, assigned)}`);
    return replyValue(row);
  },
  valuesByUnit: async ({ db, range }) => {
    const rows = await selectRows<{ unit_id: string; answered: number; total: number }>(
      db,
      sql`select a.unit_id, ${replyCounts} from cases c ${joinLeadUnits} where ${items({ range }, assigned)} group by a.unit_id`,
    );
    return new Map(rows.map((row) => [row.unit_id, replyValue(row)]));
  },
  records: (scope) => sql`select c.id from cases c where ${items(scope, assigned)}`,
};

export const proposalsClosedRate: MetricDefinition = {
  id: 'proposals.closedRate',
  label: '建议提案办结率',
  unit: '%',
  description: `统计期内登记并已交办的建议提案中，已办结的比例，保留一位小数。分项：已办结、未办结。${UNIT_RULE}`,
  kinds: ['proposal'],
  labels: { closed: '已办结', open: '未办结' },
  compute: async ({ db, ...scope }) => {
    const [row] = await selectRows<{ closed: number; total: number }>(db, sql`select count(*) filter (where c.state = 'closed')::int as closed, count(*)::int as total from cases c where ${items(scope, assigned)}`);
    const closed = row?.closed ?? 0;
    const total = row?.total ?? 0;
    return { value: rate(closed, total), parts: { closed, open: total - closed } };
  },
  records: (scope) => sql`select c.id from cases c where ${items(scope, assigned)}`,
};

const surveyed = sql`jsonb_array_length(coalesce(c.fields->'surveys', '[]'::jsonb)) > 0`;
/** The deputy's final view: the latest 征询意见表 of the item (after 重新办理, the second). */
const finalView = (fields: ProposalFields) => fields.surveys.at(-1)?.overall;

export const proposalsSatisfactionRate: MetricDefinition = {
  id: 'proposals.satisfactionRate',
  label: '建议提案满意率',
  unit: '%',
  description: `统计期内登记、已返回征询意见表的建议提案中，代表（委员）最终评价为满意的比例；另给满意及基本满意率。以最近一次征询意见表为准（重新办理后的评价替代第一次），三项中任一项不满意即为不满意、否则任一项基本满意即为基本满意。${UNIT_RULE}`,
  kinds: ['proposal'],
  labels: { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意', satisfiedOrBasic: '满意及基本满意率（%）' },
  compute: async ({ db, ...scope }) => {
    const views = (await rowsOf(db, items(scope, surveyed))).map((row) => finalView(row.fields));
    const parts = { satisfied: 0, basically_satisfied: 0, unsatisfied: 0 };
    for (const view of views) if (view) parts[view] += 1;
    return { value: rate(parts.satisfied, views.length), parts, extra: { satisfiedOrBasic: rate(parts.satisfied + parts.basically_satisfied, views.length) } };
  },
  records: (scope) => sql`select c.id from cases c where ${items(scope, surveyed)}`,
};

const hasAnswers = sql`jsonb_array_length(coalesce(c.fields->'answers', '[]'::jsonb)) > 0`;

export const proposalsClassA: MetricDefinition = {
  id: 'proposals.classA',
  label: 'A类件占比',
  unit: '%',
  description: `统计期内登记、已有答复的建议提案中，办理结果为A类（已解决或基本解决）的比例，保留一位小数。一件以最近一轮答复计；分办的件取各主办单位答复中最弱的类别。分项：A、B、C、D 类件数。${UNIT_RULE}`,
  kinds: ['proposal'],
  compute: async ({ db, ...scope }) => {
    const classes = (await rowsOf(db, items(scope, hasAnswers))).map((row) => classOf(row.fields));
    const parts = { A: 0, B: 0, C: 0, D: 0 };
    for (const answerClass of classes) if (answerClass) parts[answerClass] += 1;
    return { value: rate(parts.A, classes.length), parts };
  },
  records: (scope) => sql`select c.id from cases c where ${items(scope, hasAnswers)}`,
};

const reworked = sql`(c.fields->>'round')::int > 1`;

export const proposalsReworked: MetricDefinition = {
  id: 'proposals.reworked',
  label: '不满意件重新办理数',
  unit: '件',
  description: `统计期内登记、因代表（委员）不满意而重新办理的建议提案件数。分项：重新办理后转为满意或基本满意、仍不满意、尚未返回第二次征询意见表。${UNIT_RULE}`,
  kinds: ['proposal'],
  labels: { turnedSatisfied: '转为满意或基本满意', stillUnsatisfied: '仍不满意', awaiting: '尚未评价' },
  compute: async ({ db, ...scope }) => {
    const rows = await rowsOf(db, items(scope, reworked));
    const second = rows.map((row) => row.fields.surveys.find((survey) => survey.round === 2)?.overall);
    const turnedSatisfied = second.filter((view) => view === 'satisfied' || view === 'basically_satisfied').length;
    const stillUnsatisfied = second.filter((view) => view === 'unsatisfied').length;
    return { value: rows.length, parts: { turnedSatisfied, stillUnsatisfied, awaiting: rows.length - turnedSatisfied - stillUnsatisfied } };
  },
  records: (scope) => sql`select c.id from cases c where ${items(scope, reworked)}`,
};

export const proposalsDeputiesInvolved: MetricDefinition = {
  id: 'proposals.deputiesInvolved',
  label: '联系代表委员人次',
  unit: '人次',
  description: `统计期内登记的建议提案，承办单位答复前联系代表（委员）的人次合计（面商、电话、座谈、视察，每次答复填报的人次相加，重新办理的答复也计）。分项：按联系方式。${UNIT_RULE}`,
  kinds: ['proposal'],
  compute: async ({ db, ...scope }) => {
    const rows = await rowsOf(db, items(scope, hasAnswers));
    const parts: Record<string, number> = Object.fromEntries(contactMethods.map((method) => [method, 0]));
    for (const { fields } of rows) {
      for (const answer of fields.answers) {
        if (scope.unitId && answer.unitId !== scope.unitId) continue;
        for (const contact of answer.contacts) parts[contact.method] = (parts[contact.method] ?? 0) + contact.people;
      }
    }
    return { value: Object.values(parts).reduce((sum, n) => sum + n, 0), parts };
  },
  records: (scope) => sql`select c.id from cases c where ${items(scope, hasAnswers)}`,
};

export const proposalMetrics: readonly MetricDefinition[] = [
  bodyCount('npc', '人大代表建议'),
  bodyCount('cppcc', '政协提案'),
  proposalsReplyRate,
  proposalsClosedRate,
  proposalsSatisfactionRate,
  proposalsClassA,
  proposalsReworked,
  proposalsDeputiesInvolved,
];
