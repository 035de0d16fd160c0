/** Which actions can move a case's clocks (relevance.ts), read from real kinds' declarations. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { settingDefaults } from '../../platform/settings.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { incomingKind } from '../../modules/incoming/incoming.kind.js';
import { outgoingKind } from '../../modules/outgoing/outgoing.kind.js';
import { transitionMovesClocks } from './relevance.js';

const settings = settingDefaults;
const transitionOf = (kind: KindDefinition, action: string) => kind.transitions.find((transition) => transition.action === action)!;
const moves = (kind: KindDefinition, action: string, before: Record<string, unknown> = {}, after: Record<string, unknown> = before) =>
  transitionMovesClocks({ kind: kind as KindDefinition, transition: transitionOf(kind as KindDefinition, action), before, after, settings });

const outgoing = outgoingKind as unknown as KindDefinition;
const incoming = incomingKind as unknown as KindDefinition;

describe('transitionMovesClocks', () => {
  test('a kind without clocks: nothing moves', () => {
    const bare: KindDefinition = { ...outgoing, assignmentClock: undefined, clocks: undefined } as KindDefinition;
    for (const transition of bare.transitions) assert.equal(moves(bare, transition.action, { a: 1 }, { a: 2 }), false, transition.action);
  });

  test('发文: the steps of the draft and the 登记 move nothing, even when they write fields; 会签, 会签 replies and closing do', () => {
    for (const action of ['submit', 'sign_off', 'check', 'register', 'print', 'archive']) {
      assert.equal(moves(outgoing, action, { issuerCode: '示政发' }, { issuerCode: '示政发', docNumber: '示政发〔2026〕1号' }), false, action);
    }
    const effects = outgoing.transitions.filter((transition) => transition.effect !== undefined).map((transition) => transition.action);
    assert.ok(effects.length > 0);
    for (const action of effects) assert.equal(moves(outgoing, action), true, action);
    assert.equal(moves(outgoing, 'distribute'), true); // closes: every clock stops, the due columns clear
    assert.equal(moves(outgoing, 'withdraw'), true);
  });

  test('收文: the request clock reacts to 登记 and 答复请示 only when the case is a 请示 from below', () => {
    const request = { isRequestFromBelow: true, urgency: '平急' };
    assert.equal(moves(incoming, 'answer_request', request), true);
    assert.equal(moves(incoming, 'answer_request', { urgency: '平急' }), false);
    assert.equal(moves(incoming, 'accept', request), false);
    assert.equal(moves(incoming, 'propose', request, { ...request, proposal: { text: '拟请办理' } }), false);
  });

  test('收文: a change of what the clocks read of the fields moves them', () => {
    const request = { isRequestFromBelow: true, urgency: '平急', replyDueDays: 5 };
    // The request clock's period comes from the fields: another period is another spec.
    assert.equal(moves(incoming, 'accept', request, { ...request, replyDueDays: 8 }), true);
    // Becoming a 请示 adds a clock.
    assert.equal(moves(incoming, 'accept', { urgency: '平急' }, request), true);
    // The assignments' clocks quote a basis by urgency.
    assert.equal(moves(incoming, 'accept', { urgency: '平急' }, { urgency: '特急' }), true);
  });

  test('a clock started from a date field moves when the date changes, and not when another field does', () => {
    const kind = {
      ...outgoing,
      assignmentClock: undefined,
      clocks: [{ id: 'answer', label: '答复期限', amount: 20, unit: 'workday', basis: '测试', start: { field: 'receivedOn' }, pauses: [{ on: ['consult'], resumeOn: ['consulted'] }], restartOn: ['corrected'], stopOn: ['answer'] }],
      transitions: ['note', 'consult', 'consulted', 'corrected', 'answer'].map((action) => ({ action, label: action, from: ['open'], to: null, actor: { roles: ['clerk'] } })),
    } as unknown as KindDefinition;
    for (const action of ['consult', 'consulted', 'corrected', 'answer']) assert.equal(moves(kind, action), true, action);
    assert.equal(moves(kind, 'note', { receivedOn: '2026-11-02', subject: 'a' }, { receivedOn: '2026-11-02', subject: 'b' }), false);
    assert.equal(moves(kind, 'note', { receivedOn: '2026-11-02' }, { receivedOn: '2026-11-03' }), true);
  });
});
