/**
 * What the 督查室 sends and records (METRICS.md): 督办通知 / 督办函 sent, 督查通报 issues published, field
 * and phone checks made, 督查建议 given — counted from their records (supervision/office).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { allOf, partsOf, selectRows } from './metrics.sql.js';
import { recordRegister } from './record-register.js';

const between = (day: SQL, { range }: MetricScope) => sql`${day} between ${range.from} and ${range.to}`;

const noticesWithin = (scope: MetricScope): SQL =>
  allOf(sql`r.type = 'supervision_notice'`, between(sql`r.fields->>'sentOn'`, scope), scope.unitId ? sql`r.fields->'toUnitIds' ? ${scope.unitId}` : undefined);
const bulletinsWithin = (scope: MetricScope): SQL => allOf(sql`r.type = 'supervision_bulletin' and r.state = 'issued'`, between(sql`r.fields->>'issuedOn'`, scope));
const checksWithin = (scope: MetricScope): SQL => allOf(sql`r.type = 'field_check'`, between(sql`r.fields->>'checkedOn'`, scope));
const adviceWithin = (scope: MetricScope): SQL => allOf(sql`r.type = 'inspection_advice'`, between(sql`r.fields->>'givenOn'`, scope));

const register = (type: string, where: (scope: MetricScope) => SQL, dateOf: SQL, labelsOf: (row: { state: string; fields: Record<string, unknown> }) => string[]) =>
  recordRegister({ type, where, dateOf, labelsOf, path: '/supervision', permission: 'supervision.manage' });

const countBy = async (db: Parameters<MetricDefinition['compute']>[0]['db'], part: SQL, where: SQL) =>
  partsOf(await selectRows<{ part: string | null; n: number }>(db, sql`select ${part} as part, count(*)::int as n from records r where ${where} group by 1`));

const total = (parts: Record<string, number>) => Object.values(parts).reduce((sum, n) => sum + n, 0);

export const supervisionNotices: MetricDefinition = {
  id: 'supervision.notices',
  label: '督办通知（函）',
  unit: '件',
  description: '统计期内发出的督办通知和督办函件数（按发出日期），按类型分列。按单位统计时，计主送该单位的通知（牵头单位和责任单位均计）。',
  kinds: [],
  compute: async ({ db, ...scope }) => {
    const parts = await countBy(db, sql`r.fields->>'noticeType'`, noticesWithin(scope));
    return { value: total(parts), parts };
  },
  register: register('supervision_notice', noticesWithin, sql`r.fields->>'sentOn'`, (row) => [String(row.fields.noticeType ?? '')]),
};

export const supervisionBulletins: MetricDefinition = {
  id: 'supervision.bulletins',
  label: '督查通报期数',
  unit: '期',
  description: '统计期内印发的督查通报期数（按印发日期；草稿不计）。按单位统计时与全办相同：通报面向全体承办单位。',
  kinds: [],
  compute: async ({ db, range }) => {
    const [row] = await selectRows<{ n: number }>(db, sql`select count(*)::int as n from records r where ${bulletinsWithin({ range })}`);
    return { value: row?.n ?? 0 };
  },
  register: register('supervision_bulletin', ({ range }) => bulletinsWithin({ range }), sql`r.fields->>'issuedOn'`, (row) => [`第${String(row.fields.issueNo ?? '')}期`]),
};

export const supervisionFieldChecks: MetricDefinition = {
  id: 'supervision.fieldChecks',
  label: '实地督查次数',
  unit: '次',
  description: '统计期内登记的督查次数（按督查日期），按方式（实地、电话、暗访）分列。按单位统计时与全办相同：督查由督查室组织。',
  kinds: [],
  compute: async ({ db, range }) => {
    const parts = await countBy(db, sql`r.fields->>'method'`, checksWithin({ range }));
    return { value: total(parts), parts };
  },
  register: register('field_check', ({ range }) => checksWithin({ range }), sql`r.fields->>'checkedOn'`, (row) => [String(row.fields.method ?? '')]),
};

export const supervisionRecommendations: MetricDefinition = {
  id: 'supervision.recommendations',
  label: '督查建议条数',
  unit: '条',
  description: '统计期内提出的督查建议条数（按提出日期）；附加项为已被采纳的条数。按单位统计时与全办相同：建议由督查室提出。',
  kinds: [],
  labels: { adopted: '已采纳' },
  compute: async ({ db, range }) => {
    const [row] = await selectRows<{ n: number; adopted: number }>(
      db,
      sql`select count(*)::int as n, count(*) filter (where (r.fields->>'isAdopted')::boolean)::int as adopted from records r where ${adviceWithin({ range })}`,
    );
    return { value: row?.n ?? 0, extra: { adopted: row?.adopted ?? 0 } };
  },
  register: register('inspection_advice', ({ range }) => adviceWithin({ range }), sql`r.fields->>'givenOn'`, (row) => (row.fields.isAdopted ? ['已采纳'] : [])),
};

export const supervisionOfficeMetrics: readonly MetricDefinition[] = [supervisionNotices, supervisionBulletins, supervisionFieldChecks, supervisionRecommendations];
