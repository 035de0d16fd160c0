/**
 * The office-year tests (server/src/modules/metrics/office-year.*.api.test.ts): a year of one office driven
 * through the HTTP API only — each step signed in as the role that takes it, on the test clock — and every
 * metric asked back over HTTP and compared with the test's own tally.
 */
import assert from 'node:assert/strict';
import type { Role } from '../../common/access.js';
import { runReminderSweep } from '../src/engine/reminders/sweep.js';
import { buildUnit, buildUser, sessionFor } from './factories.js';
import type { TestContext } from './test-app.js';

export type YearUser = Awaited<ReturnType<typeof buildUser>>;
export type MetricAnswer = { value: number | null; parts?: Record<string, number>; extra?: Record<string, number | null>; hasData?: boolean };

export const officeYear = (t: TestContext) => {
  const db = t.database.db;
  /** Beijing time: '2026-10-08T09:00'. */
  const at = (instant: string) => t.clock.set(new Date(`${instant}:00+08:00`));
  const unit = (name: string, type: 'department' | 'section' | 'township' = 'department') => buildUnit(db, { name, type });
  const user = (roles: Role[], unitId: string) => buildUser(db, { roles, unitId });
  /** A fresh session each time: the clock jumps months between steps. */
  const as = (who: YearUser) => sessionFor(t.app, who);

  const create = async (who: YearUser, kind: string, fields: Record<string, unknown>) => {
    const response = await (await as(who)).request('POST', '/api/cases', { kind, fields });
    assert.equal(response.statusCode, 200, `${kind}: ${response.body}`);
    return (response.json() as { id: string }).id;
  };

  const detail = async (who: YearUser, caseId: string) => {
    const response = await (await as(who)).request('GET', `/api/cases/${caseId}`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as { version: number; state: string; assignments: Array<{ id: string; unitId: string; state: string; role: string; reply: string | null; isReplyAccepted: boolean; isStanding: boolean }>; fields: Record<string, unknown> };
  };

  /** An action on the case as it is now; a 联络员 acts on their own unit's live assignment. */
  const act = async (who: YearUser, caseId: string, action: string, body: Record<string, unknown> = {}) => {
    const session = await as(who);
    const current = (await session.request('GET', `/api/cases/${caseId}`)).json() as { version: number; assignments: Array<{ id: string; unitId: string; isStanding: boolean }> };
    const isLiaison = body.assignmentId === undefined && ['sign', 'reply', 'unit_return', 'extend', 'ask_extension', 'answer', 'rework_answer'].includes(action);
    const own = isLiaison ? current.assignments.find((row) => row.unitId === who.unitId && row.isStanding) : undefined;
    const response = await session.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: current.version, ...(own ? { assignmentId: own.id } : {}), ...body });
    assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
  };

  /** The office accepts a unit's reply (the unit's assignment named). */
  const acceptReply = async (who: YearUser, caseId: string, unitId: string, body: Record<string, unknown> = {}) => {
    const current = await detail(who, caseId);
    const assignment = current.assignments.find((row) => row.unitId === unitId && row.reply !== null && !row.isReplyAccepted && row.isStanding);
    assert.ok(assignment, `no reply from ${unitId}: ${JSON.stringify(current.assignments)}`);
    await act(who, caseId, 'accept_reply', { assignmentId: assignment.id, ...body });
  };

  const metric = async (who: YearUser, id: string, from: string, to: string, unitId?: string): Promise<MetricAnswer> => {
    const response = await (await as(who)).request('GET', `/api/metrics/${id}?from=${from}&to=${to}${unitId ? `&unit=${unitId}` : ''}`);
    assert.equal(response.statusCode, 200, `${id}: ${response.body}`);
    return response.json() as MetricAnswer;
  };

  /** The drill-down's total: the records behind the number. */
  const recordsTotal = async (who: YearUser, id: string, from: string, to: string, unitId?: string) => {
    const response = await (await as(who)).request('GET', `/api/metrics/${id}/records?from=${from}&to=${to}${unitId ? `&unit=${unitId}` : ''}`);
    assert.equal(response.statusCode, 200, `${id} records: ${response.body}`);
    return (response.json() as { total: number }).total;
  };

  /**
   * The server's minute tick (engine/reminders/sweep.ts) at the test clock: in a running server it marks what has
   * fallen due (临期/逾期) within the minute; the test app runs no timer, so a test that jumps the clock ticks it.
   * Not a write of the test's own: the same job the server runs, which a 逾期 count rightly reads (as the 驾驶舱's
   * red list does).
   */
  const tick = () => runReminderSweep({ db, now: t.clock.now() });

  /** The 领导驾驶舱 of a year: each headline figure by metric id. */
  const headline = async (who: YearUser, year: number) => {
    const response = await (await as(who)).request('GET', `/api/dashboard?year=${year}`);
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json() as { headline: Array<{ result: { id: string; value: number | null } }> };
    return Object.fromEntries(view.headline.map((row) => [row.result.id, row.result.value]));
  };

  /** The 驾驶舱's ranking of units by a rate for a year: value by unit id. */
  const ranking = async (who: YearUser, metricId: string, year: number) => {
    const response = await (await as(who)).request('GET', `/api/dashboard/ranking?metric=${metricId}&year=${year}`);
    assert.equal(response.statusCode, 200, response.body);
    return Object.fromEntries((response.json() as Array<{ unitId: string; value: number }>).map((row) => [row.unitId, row.value]));
  };

  /** What the 年度工作总结's number tokens ({{metric}}, {{metric|同比}}) read for a period: text by token key. */
  const summaryTokens = async (who: YearUser, tokens: string[], from: string, to: string) => {
    const response = await (await as(who)).request('POST', '/api/summaries/token-values', { tokens, from, to });
    assert.equal(response.statusCode, 200, response.body);
    return Object.fromEntries(Object.entries(response.json() as Record<string, { text: string }>).map(([key, value]) => [key, value.text]));
  };

  return { db, at, unit, user, as, create, detail, act, acceptReply, metric, recordsTotal, tick, headline, ranking, summaryTokens };
};

export const YEAR = ['2026-01-01', '2026-12-31'] as const;
