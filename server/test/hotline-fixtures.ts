/**
 * The 12345 fixture the hotline metrics tests build through the routes: a 街乡 (甲街道) and a bureau (乙局), the
 * center's agent, each unit's 联络员, and a line of 乙局's 职责清单 to cite in a 退单 — with the steps they take
 * (register a ticket, 派单, any action on the page's current version), on the test clock.
 */
import assert from 'node:assert/strict';
import { actingAs, buildUnit, sessionFor } from './factories.js';
import type { TestContext } from './test-app.js';

export type Session = Awaited<ReturnType<typeof actingAs>>;
type Who = Pick<Session, 'user'>;

/** The line of 乙局's 职责清单 its 退单 cites. */
export const DUTY_ITEM = '背街小巷照明不属本局';

/** What a ticket is registered with unless the test says otherwise: a 投诉 by phone about a street light. */
export const TICKET_DEFAULTS = { channel: '电话', ticketType: '投诉', category: '城市管理/路灯照明', callerName: '李四', content: '路灯不亮，请尽快修复。' };

/** The steps, each through the routes with a fresh session (the clock may have moved past a session's idle time). */
export const hotlineSteps = (t: TestContext, center: Who) => {
  const at = (instant: string) => t.clock.set(new Date(instant));
  /** An action on the case as it is now; a unit acts on its own assignment (not one it returned). */
  const act = async (who: Who, caseId: string, action: string, body: Record<string, unknown> = {}) => {
    const fresh = await sessionFor(t.app, who.user);
    const detail = (await fresh.request('GET', `/api/cases/${caseId}`)).json();
    const assignmentId = (detail.assignments as Array<{ id: string; unitId: string; state: string }>).find((row) => row.unitId === who.user.unitId && row.state !== 'returned')?.id;
    const response = await fresh.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...(assignmentId ? { assignmentId } : {}), ...body });
    assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
  };
  const ticket = async (fields: Record<string, unknown>) => {
    const fresh = await sessionFor(t.app, center.user);
    const response = await fresh.request('POST', '/api/cases', { kind: 'ticket', fields: { ...TICKET_DEFAULTS, ...fields } });
    assert.equal(response.statusCode, 200, response.body);
    return response.json().id as string;
  };
  const dispatch = (caseId: string, unitId: string) => act(center, caseId, 'assign', { units: [{ unitId, role: 'lead' }] });
  return { at, act, ticket, dispatch };
};

/** 甲街道 and 乙局, the center's agent, their 联络员 (a, b), 乙局's 职责清单 line, and the steps. */
export const buildHotlineFixture = async (t: TestContext) => {
  const db = t.database.db;
  const unitA = await buildUnit(db, { type: 'township', name: '甲街道' });
  const unitB = await buildUnit(db, { type: 'department', name: '乙局' });
  const center = await actingAs(t.app, db, ['hotline_staff']);
  const a = await actingAs(t.app, db, ['liaison'], { unitId: unitA.id });
  const b = await actingAs(t.app, db, ['liaison'], { unitId: unitB.id });
  const duty = await center.request('POST', '/api/records/hotline_duty', { fields: { item: DUTY_ITEM }, unitId: unitB.id });
  assert.equal(duty.statusCode, 201, duty.body);
  return { unitA, unitB, center, a, b, ...hotlineSteps(t, center) };
};
