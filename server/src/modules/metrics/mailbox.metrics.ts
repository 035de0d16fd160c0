/**
 * 市长信箱 (METRICS.md): letters received — every 12345 工单 of channel 市长信箱, whether written on the
 * public page or typed in from a paper letter — by 诉求类型, with how many are done and how many replies
 * the center made public. A letter merged into another (归并) is still a letter received: it is counted.
 */
import { sql } from 'drizzle-orm';
import { ticketTypes } from '../../../../common/schemas/hotline.js';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { allOf, assignedTo, ofKind, registeredWithin, selectRows } from './metrics.sql.js';

const letters = ({ range, unitId }: MetricScope) => allOf(ofKind('ticket'), registeredWithin(range), assignedTo(unitId), sql`c.fields->>'channel' = '市长信箱'`);

export const mailboxLetters: MetricDefinition = {
  id: 'mailbox.letters',
  label: '市长信箱来信',
  unit: '封',
  description:
    '统计期内收到的市长信箱来信封数（按登记时间，北京时间）：群众在市长信箱页面提交的，和话务员按纸质来信登记的渠道为“市长信箱”的工单，按诉求类型分项；另计已办结的和答复已公开的封数。归并的来信也计入。按单位统计时，计派给该单位的来信。',
  kinds: ['ticket'],
  labels: { closed: '已办结', published: '答复已公开' },
  compute: async ({ db, ...scope }) => {
    const rows = await selectRows<{ type: string; n: number; closed: number; published: number }>(
      db,
      sql`select c.fields->>'ticketType' as type, count(*)::int as n, count(*) filter (where c.is_closed)::int as closed,
            count(*) filter (where c.fields ? 'replyPublic')::int as published
          from cases c where ${letters(scope)} group by 1`,
    );
    const parts: Record<string, number> = Object.fromEntries(ticketTypes.map((type) => [type, 0]));
    for (const row of rows) parts[row.type] = (parts[row.type] ?? 0) + row.n;
    const sum = (key: 'n' | 'closed' | 'published') => rows.reduce((total, row) => total + row[key], 0);
    return { value: sum('n'), parts, extra: { closed: sum('closed'), published: sum('published') } };
  },
  records: (scope) => sql`select c.id from cases c where ${letters(scope)}`,
};
