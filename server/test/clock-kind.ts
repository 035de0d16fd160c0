/**
 * A kind declared only in tests, with its own clocks: a 20-working-day answer started from the
 * 收到申请之日 field (补正 restarts it, a consultation of up to 15 working days is not counted, the
 * director may extend it once by up to 20), and a 12-working-hour triage clock beside it. It touches
 * nothing outside this file: the engine runs it from the declaration alone.
 */
import { z } from 'zod';
import { isoDate, safeLine } from '../../common/schemas/primitives.js';
import { commentInput, extensionInput } from '../src/engine/inputs/standard.js';
import type { KindDefinition } from '../src/engine/kinds/kind.types.js';
import { registerKind, listKinds } from '../src/engine/kinds/registry.js';
import { standardLadder } from '../src/engine/kinds/standard.js';

const office = ['clerk', 'director'] as const;
const Fields = z.object({ subject: safeLine().min(1), receivedOn: isoDate() });
const step = (action: string, label: string) => ({ action, label, from: ['open'], to: null, actor: { roles: office }, input: { comment: commentInput() } });

export const clockTestKind: KindDefinition<typeof Fields> = {
  id: 'clocktest',
  label: '时限测试件',
  fields: Fields,
  titleOf: (fields) => fields.subject,
  searchTextOf: (fields) => fields.subject,
  states: { open: '办理中', done: '已答复' },
  initialState: 'open',
  roles: { create: office, view: office },
  transitions: [
    step('triage', '分办'),
    step('consult', '征求第三方意见'),
    step('consulted', '收到第三方意见'),
    step('corrected', '收到补正材料'),
    {
      action: 'extend_answer',
      label: '延长答复期限',
      from: ['open'],
      to: null,
      actor: { roles: office },
      input: { extension: extensionInput() },
      // The approver is whoever approves here; the clock refuses anyone but the director.
      inTransaction: async ({ input, who }) => ({ data: { extension: input.extension, approverRole: who.roles.includes('director') ? 'director' : who.roles[0] } }),
    },
    { action: 'answer', label: '答复', from: ['open'], to: 'done', actor: { roles: office }, closes: true, input: { comment: commentInput() } },
  ],
  clocks: [
    {
      id: 'answer',
      label: '答复期限',
      amount: 20,
      unit: 'workday',
      basis: '《政府信息公开条例》第三十三条',
      start: { field: 'receivedOn', label: '收到申请' },
      pauses: [{ on: ['consult'], resumeOn: ['consulted'], label: '征求第三方意见', cap: { amount: 15, unit: 'workday' } }],
      restartOn: ['corrected'],
      extendOn: { action: 'extend_answer', approverRoles: ['director'], maxTimes: 1, maxAmount: 20 },
      stopOn: ['answer'],
    },
    { id: 'triage', label: '分办时限', amount: 12, unit: 'workhour', basis: '测试规则：登记后 12 个工作小时内分办', start: { action: 'create' }, stopOn: ['triage'] },
  ],
  reminderLadder: standardLadder,
  serial: (year, seq) => `测〔${year}〕${seq}号`,
  waitingOn: ({ case: current }) => (current.handlerId && current.state === 'open' ? [{ userId: current.handlerId, label: '答复' }] : []),
  metrics: [],
};

/** Registers the test kind once per process. */
export const registerClockTestKind = (): void => {
  if (!listKinds().some((kind) => kind.id === clockTestKind.id)) registerKind(clockTestKind);
};
