/**
 * Steps for the statutory deadline tables (`*.statutory.test.ts`): register a case on the test clock, act
 * on it at a given Beijing time, and read its clocks as the case page shows them. Each step signs the
 * person in again, since a table jumps the clock by months and a session idles out.
 */
import assert from 'node:assert/strict';
import { buildUser, sessionFor } from './factories.js';
import type { TestContext } from './test-app.js';

export type Person = Awaited<ReturnType<typeof buildUser>>;
export type ShownClock = {
  clockId: string;
  assignmentId: string | null;
  state: string;
  due: string | null;
  isLate: boolean | null;
  lines: string[];
};

/** '2026-09-18' (10:00) or '2026-09-18T18:30' in Beijing time. */
export const beijing = (instant: string): Date => new Date(`${instant.length === 10 ? `${instant}T10:00` : instant}:00+08:00`);

export const deadlineSteps = (t: TestContext) => {
  const at = (instant: string) => t.clock.set(beijing(instant));
  const detailOf = async (who: Person, caseId: string) => (await (await sessionFor(t.app, who)).request('GET', `/api/cases/${caseId}`)).json();
  const act = async (who: Person, caseId: string, action: string, body: Record<string, unknown> = {}) => {
    const session = await sessionFor(t.app, who);
    const detail = (await session.request('GET', `/api/cases/${caseId}`)).json();
    return session.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
  };
  const ok = async (who: Person, caseId: string, action: string, body: Record<string, unknown> = {}) => {
    const response = await act(who, caseId, action, body);
    assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
  };
  const register = async (who: Person, kind: string, fields: Record<string, unknown>): Promise<string> => {
    const response = await (await sessionFor(t.app, who)).request('POST', '/api/cases', { kind, fields });
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as { id: string }).id;
  };
  const clocksOf = async (who: Person, caseId: string): Promise<ShownClock[]> => (await detailOf(who, caseId)).clocks as ShownClock[];
  /** The case's own clock by id (assignment clocks share ids across units: pick them with `assignmentClock`). */
  const clockOf = async (who: Person, caseId: string, clockId: string): Promise<ShownClock> => {
    const found = (await clocksOf(who, caseId)).find((clock) => clock.clockId === clockId && clock.assignmentId === null);
    assert.ok(found, `no clock ${clockId}`);
    return found;
  };
  const assignmentClock = async (who: Person, caseId: string, clockId: string): Promise<ShownClock> => {
    const found = (await clocksOf(who, caseId)).find((clock) => clock.clockId === clockId && clock.assignmentId !== null);
    assert.ok(found, `no assignment clock ${clockId}`);
    return found;
  };
  return { at, detailOf, act, ok, register, clocksOf, clockOf, assignmentClock };
};
