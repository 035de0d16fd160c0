// The 批示件 transition table, checked for every action × state × kind of actor against a table written by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Role } from '../../../../common/access.js';
import type { Identity } from '../../engine/cases/access.js';
import { admits } from '../../engine/cases/rules.js';
import type { AssignmentView, GuardContext } from '../../engine/kinds/kind.types.js';
import { instructionKind } from './instruction.kind.js';

const LEADER = '11111111-1111-4111-8111-111111111111';
const HANDLER = '22222222-2222-4222-8222-222222222222';
const UNIT_PENDING = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const UNIT_WORKING = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const UNIT_OTHER = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const person = (name: string, roles: Role[], extra: Partial<Identity> = {}): [string, Identity] => [
  name,
  { userId: crypto.randomUUID(), username: name, displayName: name, unitId: UNIT_OTHER, roles, scope: roles.includes('liaison') ? 'unit' : 'all', isSelf: true, ...extra },
];

const people = Object.fromEntries([
  person('clerk', ['clerk'], { userId: HANDLER }),
  person('inspector', ['inspector']),
  person('director', ['director']),
  person('instructing-leader', ['leader'], { userId: LEADER }),
  person('other-leader', ['leader']),
  person('liaison-pending', ['liaison'], { unitId: UNIT_PENDING }),
  person('liaison-working', ['liaison'], { unitId: UNIT_WORKING }),
  person('liaison-unassigned', ['liaison'], { unitId: UNIT_OTHER }),
  person('sysadmin', ['sysadmin']),
  person('auditor', ['auditor']),
]);

const assignments: AssignmentView[] = [
  { id: 'a1', unitId: UNIT_PENDING, role: 'lead', state: 'pending', dueDate: null, reply: null, replyAccepted: false },
  { id: 'a2', unitId: UNIT_WORKING, role: 'assist', state: 'in_progress', dueDate: null, reply: null, replyAccepted: false },
];

const office = ['clerk', 'inspector', 'director'];
const leader = ['instructing-leader'];

/** Who may take each action (in a state where the action exists). Everyone else must be refused. */
const expected: Record<string, string[]> = {
  assign: office,
  sign: ['liaison-pending'],
  unit_return: ['liaison-pending'],
  reply: ['liaison-working'],
  accept_reply: office,
  reject_reply: office,
  extend: office,
  recall: office,
  reassign: office,
  ask_extension: ['liaison-working'],
  grant_extension: office,
  refuse_extension: office,
  submit: office,
  approve: leader,
  reinstruct: leader,
  close: office,
};

const allStates = Object.keys(instructionKind.states);

test('every declared action has an expectation, and every expectation an action', () => {
  assert.deepEqual([...new Set(instructionKind.transitions.map((t) => t.action))].sort(), Object.keys(expected).sort());
});

for (const transition of instructionKind.transitions) {
  test(`${transition.action}: allowed exactly for ${expected[transition.action]!.join(', ')}`, () => {
    for (const state of allStates) {
      const context: GuardContext = {
        case: { id: 'c', kind: 'instruction', serialNo: 's', title: 't', state, fields: { leaderId: LEADER }, ownerUnitId: UNIT_OTHER, handlerId: HANDLER, createdBy: HANDLER, version: 1 },
        assignments,
      };
      for (const [name, identity] of Object.entries(people)) {
        const isAllowed = admits(transition, identity, context) !== undefined;
        assert.equal(isAllowed, expected[transition.action]!.includes(name), `${transition.action} by ${name} in ${state}`);
      }
    }
  });
}

test('each action exists only in the states the flow allows', () => {
  const fromStates = Object.fromEntries(instructionKind.transitions.map((t) => [t.action, [...t.from].sort()]));
  assert.deepEqual(fromStates, {
    assign: ['handling', 'registered'],
    sign: ['handling'],
    unit_return: ['handling'],
    reply: ['handling'],
    accept_reply: ['handling'],
    reject_reply: ['handling'],
    extend: ['handling'],
    recall: ['handling'],
    reassign: ['handling'],
    ask_extension: ['handling'],
    grant_extension: ['handling'],
    refuse_extension: ['handling'],
    submit: ['handling'],
    approve: ['leader_review'],
    reinstruct: ['leader_review'],
    close: ['handling'],
  });
  assert.equal(instructionKind.transitions.find((t) => t.action === 'approve')!.closes, true);
  assert.equal(instructionKind.transitions.find((t) => t.action === 'close')!.closes, true);
});
