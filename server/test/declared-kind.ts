/**
 * A kind that exists only in tests: 回访 (a follow-up visit to someone who was helped), with an
 * action whose inputs no other kind has — a date, a channel, two ratings, minutes, notes, photos.
 * It is declared here and nowhere else: the engine checks its inputs, serves its form and runs it
 * without any change to the engine's types, common/schemas/cases.ts or the web's action dialog.
 */
import { choice, date, files, longText, number, rating } from '../src/engine/inputs/fields.js';
import { unitsInput } from '../src/engine/inputs/standard.js';
import type { KindDefinition } from '../src/engine/kinds/kind.types.js';
import { z } from 'zod';

const scale = { good: '好', fair: '一般', poor: '差' };

export const followUpKind: KindDefinition = {
  id: 'follow_up',
  label: '回访',
  fields: z.object({ subject: z.string().min(1).max(100) }),
  titleOf: (fields) => (fields as { subject: string }).subject,
  searchTextOf: (fields) => (fields as { subject: string }).subject,
  states: { open: '待回访', visited: '已回访' },
  initialState: 'open',
  roles: { create: ['clerk'], view: ['clerk', 'director'] },
  transitions: [
    {
      action: 'visit',
      label: '记录回访',
      from: ['open'],
      to: 'visited',
      actor: { roles: ['clerk'] },
      input: {
        visitedOn: date({ label: '回访日期', required: true }),
        channel: choice({ label: '回访方式', options: { phone: '电话', visit: '上门' }, required: true }),
        attitude: rating({ label: '态度', scale }),
        result: rating({ label: '结果', scale }),
        minutes: number({ label: '通话时长', min: 1, max: 600, unit: '分钟' }),
        note: longText({ label: '回访记录', max: 500 }),
        photos: files({ label: '照片', max: 3 }),
      },
      patchFields: ({ input }) => ({ visit: input }),
    },
    // Handed to units with deadlines by role (主办 3 months, 会办 1 month): the 交办 preview follows the role.
    { action: 'assign', label: '交办', from: ['open'], to: 'open', actor: { roles: ['clerk'] }, effect: 'assign', input: { units: unitsInput() } },
  ],
  assignmentClock: {
    defaults: {
      lead: { amount: 3, unit: 'month', basis: '测试：主办 3 个月' },
      assist: { amount: 1, unit: 'month', basis: '测试：协办 1 个月' },
      consult: { amount: 1, unit: 'month', basis: '测试：会办 1 个月' },
    },
  },
  serial: (year, seq) => `访〔${year}〕${seq}号`,
  waitingOn: () => [],
  metrics: [],
};
