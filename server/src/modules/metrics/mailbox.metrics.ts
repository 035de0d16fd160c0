/**
 * 市长信箱 (METRICS.md): letters received — every 12345 工单 of channel 市长信箱, whether written on the
 * public page or typed in from a paper letter — by 诉求类型, with how many are done and how many replies
 * the center made public. A letter merged into another ticket (归并) is counted once, with the ticket it went
 * into, as hotline.tickets and hotline.closedRate count it: not a second letter, not a second 办结, not a second
 * reply published — it is shown apart (merged), so the letters received can still be told.
 */
import { sql } from 'drizzle-orm';
import { ticketTypes } from '../../../../common/schemas/hotline.js';
import type { MetricDefinition, MetricScope } from './metric.types.js';
import { ticketFacts } from './hotline.facts.js';
import { allOf, assignedTo, ofKind, registeredWithin } from './metrics.sql.js';

const MAILBOX = '市长信箱';
const letters = ({ range, unitId }: MetricScope) =>
  allOf(ofKind('ticket'), registeredWithin(range), assignedTo(unitId), sql`c.fields->>'channel' = ${MAILBOX}`, sql`c.state <> 'merged'`);

export const mailboxLetters: MetricDefinition = {
  id: 'mailbox.letters',
  label: '市长信箱来信',
  unit: '封',
  description:
    '统计期内收到的市长信箱来信封数（按登记时间，北京时间）：群众在市长信箱页面提交的，和话务员按纸质来信登记的渠道为“市长信箱”的工单，按诉求类型分项；另计已办结的和答复已公开的封数。归并到其他工单的来信随主工单计一次，不另计来信、不另计办结和公开（另列归并封数）。按单位统计时，计派给该单位的来信。',
  kinds: ['ticket'],
  labels: { closed: '已办结', published: '答复已公开', merged: '归并（不另计）' },
  compute: async ({ db, ...scope }) => {
    // The per-day facts of migration 0031 (hotline.facts.ts): the same count as the letters' rows.
    const rows = await ticketFacts(db, scope, sql`f.channel = ${MAILBOX}`);
    const parts: Record<string, number> = Object.fromEntries(ticketTypes.map((type) => [type, 0]));
    let closed = 0;
    let published = 0;
    let merged = 0;
    for (const row of rows) {
      if (row.state === 'merged') {
        merged += row.n;
        continue;
      }
      parts[row.type] = (parts[row.type] ?? 0) + row.n;
      if (row.is_closed) closed += row.n;
      if (row.is_public) published += row.n;
    }
    return { value: Object.values(parts).reduce((sum, n) => sum + n, 0), parts, extra: { closed, published, merged } };
  },
  records: (scope) => sql`select c.id from cases c where ${letters(scope)}`,
};
