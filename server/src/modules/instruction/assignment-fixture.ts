/**
 * The people and steps the assignment tests share (撤回, 改派, 再交办, 申请延期), on a 领导批示件: its lead
 * clock is 10 working days, extendable twice by 20 in all — the numbers the tests check by hand.
 */
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { caseEvents } from '../../db/schema/index.js';
import { actingAs, buildUnit, sessionFor } from '../../../test/factories.js';
import type { TestContext } from '../../../test/test-app.js';

export type Session = Awaited<ReturnType<typeof actingAs>>;
export type Assignment = { id: string; unitId: string; state: string; dueDate: string | null; role: string };
type Clock = { assignmentId: string | null; state: string; due: string | null };
export type Detail = { version: number; assignments: Assignment[]; events: Array<{ action: string; comment: string | null }>; clocks: Clock[]; actions: Array<{ action: string; assignmentId?: string; assignmentUnitName?: string; blockedReason?: string }> };

/** A clerk (the case's handler), a leader, and the 联络员 of three units. */
export const castOf = async (t: TestContext) => {
  const db = t.database.db;
  const tag = () => Math.random().toString(16).slice(2, 6);
  const [unitA, unitB, unitC] = [await buildUnit(db, { name: `发改委${tag()}` }), await buildUnit(db, { name: `住建局${tag()}` }), await buildUnit(db, { name: `教育局${tag()}` })];
  return {
    unitA: unitA!,
    unitB: unitB!,
    unitC: unitC!,
    clerk: await actingAs(t.app, db, ['clerk']),
    leader: await actingAs(t.app, db, ['leader']),
    liaisonA: await actingAs(t.app, db, ['liaison'], { unitId: unitA!.id }),
    liaisonB: await actingAs(t.app, db, ['liaison'], { unitId: unitB!.id }),
    liaisonC: await actingAs(t.app, db, ['liaison'], { unitId: unitC!.id }),
  };
};

export type Cast = Awaited<ReturnType<typeof castOf>>;
const people = ['clerk', 'leader', 'liaisonA', 'liaisonB', 'liaisonC'] as const;

/** Moves the test clock (Beijing time) and signs everyone in again: a session idles out across days. */
export const moveTo = async (t: TestContext, cast: Cast, instant: string) => {
  t.clock.set(new Date(`${instant}+08:00`));
  for (const name of people) cast[name] = await sessionFor(t.app, cast[name].user);
};

export const detailOf = async (who: Session, caseId: string): Promise<Detail> => (await who.request('GET', `/api/cases/${caseId}`)).json();

export const act = async (who: Session, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const detail = await detailOf(who, caseId);
  return who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version: detail.version, ...body });
};

export const ok = async (who: Session, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  const response = await act(who, caseId, action, body);
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};

/** A 批示件 registered by the clerk and given to unit A as 主办 (on the test clock's day). */
export const assignedCase = async (cast: Cast, units: Array<{ unitId: string; role: string }> = [{ unitId: cast.unitA.id, role: 'lead' }]) => {
  const response = await cast.clerk.request('POST', '/api/cases', {
    kind: 'instruction',
    fields: { leaderId: cast.leader.user.id, leaderName: '张明远', instructedOn: '2026-11-01', instruction: '请抓紧研究办理。', sourceTitle: '关于城东片区改造的请示' },
  });
  assert.equal(response.statusCode, 200, response.body);
  const caseId = (response.json() as { id: string }).id;
  await ok(cast.clerk, caseId, 'assign', { units });
  return caseId;
};

export const assignmentOf = (detail: Detail, unitId: string) => detail.assignments.find((a) => a.unitId === unitId)!;
export const clockOf = (detail: Detail, assignmentId: string) => detail.clocks.find((clock) => clock.assignmentId === assignmentId)!;

/** The labels of a user's 待办 on this case. */
export const inboxLabels = async (who: Session, caseId: string): Promise<string[]> =>
  ((await who.request('GET', '/api/inbox')).json() as Array<{ caseId: string; label: string }>).filter((item) => item.caseId === caseId).map((item) => item.label);

/** The trail's data for the case's latest event of this action. */
export const lastEventData = async (t: TestContext, caseId: string, action: string) => {
  const rows = await t.database.db.select({ action: caseEvents.action, data: caseEvents.data, seq: caseEvents.seq }).from(caseEvents).where(eq(caseEvents.caseId, caseId));
  return rows.filter((row) => row.action === action).sort((a, b) => b.seq - a.seq)[0]?.data as Record<string, unknown> | undefined;
};
