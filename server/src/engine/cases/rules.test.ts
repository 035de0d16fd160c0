import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { GuardContext, Transition } from '../kinds/kind.types.js';
import type { Identity } from './access.js';
import { availableActions } from './rules.js';

const clerk: Identity = { userId: 'u-clerk', username: 'clerk', displayName: '陈静', unitId: 'office', roles: ['clerk'], scope: 'all', isSelf: true };

const contextWith = (fields: Record<string, unknown>): GuardContext => ({
  case: { id: 'c1', kind: 'demo', serialNo: '1', title: '关于……的请示', state: 'registered', fields, ownerUnitId: 'office', handlerId: 'u-clerk', createdBy: 'u-clerk', version: 1 },
  assignments: [],
});

// 签收 applies only to a copy delivered by the office itself (a fact of the case); 归档 waits for a 文号 (not yet).
const transitions: Transition[] = [
  {
    action: 'acknowledge',
    label: '签收',
    from: ['registered'],
    to: 'closed',
    actor: { handler: true },
    neverApplies: ({ case: current }) => (current.fields.deliveredFrom ? undefined : '只有本办核发的文件由收文单位签收'),
  },
  {
    action: 'file',
    label: '归档',
    from: ['registered'],
    to: 'archived',
    actor: { roles: ['clerk'] },
    guard: ({ case: current }) => (current.fields.docNumber ? undefined : '尚未编号'),
  },
];

test('an action that can never apply to the case is not offered; one that cannot apply yet is offered disabled', () => {
  const offered = availableActions({ transitions }, [clerk], contextWith({}));
  assert.deepEqual(offered.map((item) => item.action), ['file']);
  assert.equal(offered[0]?.blockedReason, '尚未编号');

  const delivered = availableActions({ transitions }, [clerk], contextWith({ deliveredFrom: 'c0', docNumber: '示政发〔2026〕1号' }));
  assert.deepEqual(delivered.map((item) => [item.action, item.blockedReason]), [['acknowledge', undefined], ['file', undefined]]);
});
