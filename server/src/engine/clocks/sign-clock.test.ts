/**
 * An assignment clock that starts at the unit's 签收, a 签收 clock in working hours beside it, and a
 * restart on 重办 (AssignmentClockDeclaration.startOn / restartOn, the kind's signWithin): the 12345
 * rules — a ticket bounced between units costs no unit its days, and 不满意 → 重办 gets a new clock.
 * The kind is declared here and touches nothing outside this file.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { z } from 'zod';
import { safeLine } from '../../../../common/schemas/primitives.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import { startTestApp, type TestContext } from '../../../test/test-app.js';
import { commentInput, unitsInput } from '../inputs/standard.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { listKinds, registerKind } from '../kinds/registry.js';
import { unitWorkTransitions } from '../kinds/standard.js';

const office = ['clerk'] as const;
const Fields = z.object({ subject: safeLine().min(1) });
const signTestKind: KindDefinition<typeof Fields> = {
  id: 'signtest',
  label: '签收时限测试件',
  fields: Fields,
  titleOf: (fields) => fields.subject,
  searchTextOf: (fields) => fields.subject,
  states: { open: '办理中' },
  initialState: 'open',
  roles: { create: office, view: office },
  transitions: [
    { action: 'assign', label: '派单', from: ['open'], to: null, actor: { roles: office }, effect: 'assign', input: { units: unitsInput() } },
    ...unitWorkTransitions({ from: ['open'], office }),
    { action: 'redo', label: '重办', from: ['open'], to: null, actor: { roles: office }, effect: 'reopen', input: { comment: commentInput() } },
  ],
  assignmentClock: {
    defaults: { lead: { amount: 3, unit: 'workday', basis: '测试规则：签收后 3 个工作日内办结' } },
    startOn: 'sign',
    restartOn: ['redo'],
    signWithin: (settings) => ({ amount: settings['test.signHours'] ?? 2, unit: 'workhour', basis: '测试规则：派单后 2 个工作小时内签收' }),
  },
  serial: (year, seq) => `签〔${year}〕${seq}号`,
  waitingOn: () => [],
  metrics: [],
};
if (!listKinds().some((kind) => kind.id === signTestKind.id)) registerKind(signTestKind);

let t: TestContext;
before(async () => {
  t = await startTestApp();
});
after(() => t.close());

type Actor = Awaited<ReturnType<typeof actingAs>>;
type Clock = { clockId: string; assignmentId: string | null; state: string; startedAt: string | null; due: string | null; isLate: boolean | null };
const at = (instant: string) => t.clock.set(new Date(instant));
/** Sessions end overnight: each day's people sign in that day. */
const again = (who: Actor) => sessionFor(t.app, who.user);
const detailOf = async (who: Actor, caseId: string) => (await who.request('GET', `/api/cases/${caseId}`)).json();
const clocksOf = async (who: Actor, caseId: string): Promise<Clock[]> => (await detailOf(who, caseId)).clocks as Clock[];
const act = async (who: Actor, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const detail = await detailOf(who, caseId);
  const response = await who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};

describe('a unit clock from 签收, a 签收 clock in working hours, a new clock on 重办', () => {
  test('派单 Friday 16:00: 签收 due Monday 09:00 and the handling clock waits; late 签收 starts 3 working days; 重办 counts them again', async () => {
    const db = t.database.db;
    const unit = await buildUnit(db, { type: 'township' });
    at('2026-03-06T16:00:00+08:00'); // a Friday
    let clerk = await actingAs(t.app, db, ['clerk']);
    const created = await clerk.request('POST', '/api/cases', { kind: 'signtest', fields: { subject: '路灯不亮' } });
    assert.equal(created.statusCode, 200, created.body);
    const caseId = (created.json() as { id: string }).id;
    await act(clerk, caseId, 'assign', { units: [{ unitId: unit.id, role: 'lead' }] });

    let clocks = await clocksOf(clerk, caseId);
    const signing = clocks.find((clock) => clock.clockId === 'assignment.sign')!;
    // Fri 16:00–17:30 is 1.5 working hours; Mon 08:30 + 0.5 h.
    assert.equal(signing.state, 'running');
    assert.equal(signing.due, '2026-03-09 09:00');
    const handling = clocks.find((clock) => clock.clockId === 'assignment.lead')!;
    assert.equal(handling.state, 'pending', 'the unit’s own time has not started before 签收');
    assert.equal(handling.due, null);
    let detail = await detailOf(clerk, caseId);
    assert.equal(detail.assignments[0].dueDate, '2026-03-09', 'before 签收 the assignment is due when its 签收 is');

    at('2026-03-09T10:00:00+08:00');
    clerk = await again(clerk);
    let liaison = await actingAs(t.app, db, ['liaison'], { unitId: unit.id });
    await act(liaison, caseId, 'sign', { assignmentId: detail.assignments[0].id });
    clocks = await clocksOf(clerk, caseId);
    const signed = clocks.find((clock) => clock.clockId === 'assignment.sign')!;
    assert.equal(signed.state, 'stopped');
    assert.equal(signed.isLate, true, '签收 an hour after its due time');
    const started = clocks.find((clock) => clock.clockId === 'assignment.lead')!;
    assert.equal(started.state, 'running');
    assert.equal(started.due, '2026-03-12', '3 working days from the 签收 day, not from the 派单');
    detail = await detailOf(clerk, caseId);
    assert.equal(detail.assignments[0].dueDate, '2026-03-12');

    at('2026-03-10T10:00:00+08:00');
    [clerk, liaison] = [await again(clerk), await again(liaison)];
    await act(liaison, caseId, 'reply', { assignmentId: detail.assignments[0].id, reply: '已修复' });
    assert.equal((await clocksOf(clerk, caseId)).find((clock) => clock.clockId === 'assignment.lead')!.state, 'stopped');

    at('2026-03-11T10:00:00+08:00'); // a Wednesday: 回访不满意 → 重办
    clerk = await again(clerk);
    await act(clerk, caseId, 'redo', { comment: '群众反映仍不亮' });
    const redone = (await clocksOf(clerk, caseId)).find((clock) => clock.clockId === 'assignment.lead')!;
    assert.equal(redone.state, 'running');
    assert.equal(redone.due, '2026-03-16', 'Thu 12, Fri 13, Mon 16: a new 3 working days from the 重办');
    assert.equal((await detailOf(clerk, caseId)).assignments[0].state, '办理中', '重办: the unit works on it again');
  });
});
