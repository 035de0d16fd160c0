/** The case the case-detail tests read: every part of the page filled, for readers of every kind (see case-detail.test.ts). */
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { units } from '../../db/schema/index.js';
import { actingAs, buildUnit } from '../../../test/factories.js';
import type { TestContext } from '../../../test/test-app.js';

export type Who = Awaited<ReturnType<typeof actingAs>>;
export type Detail = {
  version: number;
  urgeCount: number;
  canUrge: boolean;
  handlerName: string | null;
  ownerUnitName: string;
  registeredByName: string | null;
  registeredByUnitName: string | null;
  leadUnits: string[];
  deadline: { due: string | null } | null;
  assignments: Array<{ id: string; unitId: string; unitName: string; state: string; reply: string | null; instruction: string | null; deadline: unknown; dueDate: string | null }>;
  clocks: Array<{ assignmentId: string | null; unitName: string | null; due: string | null; state: string }>;
  circulations: Array<{ id: string; recipientName: string; recipientType: string; sentByName: string; readAt: string | null; readByName: string | null; comment: string | null; isMine: boolean }>;
  events: Array<{ action: string; at: string; data: Record<string, unknown> | null }>;
  links: Array<{ caseId: string; serialNo: string; title: string; type: string }>;
  holders: Array<{ type: 'user' | 'unit'; name: string; awaits: string; isMine: boolean }>;
};

export const detailOf = async (who: Who, caseId: string): Promise<Detail> => {
  const response = await who.request('GET', `/api/cases/${caseId}`);
  assert.equal(response.statusCode, 200, response.body);
  return response.json();
};
const ok = async (context: TestContext, who: Who, caseId: string, action: string, body: Record<string, unknown> = {}) => {
  context.clock.advance(60_000);
  const { version } = await detailOf(who, caseId);
  const response = await who.request('POST', `/api/cases/${caseId}/actions/${action}`, { version, ...body });
  assert.equal(response.statusCode, 200, `${action}: ${response.body}`);
};
const post = async (context: TestContext, who: Who, url: string, body: Record<string, unknown>, status = 200) => {
  context.clock.advance(60_000);
  const response = await who.request('POST', url, body);
  assert.equal(response.statusCode, status, response.body);
  return response;
};

/** The cast and the cases: X has it all, Y (unit A's) and Z are linked to X, `bare` is registered only. */
export const buildDetailScene = async (context: TestContext) => {
  const db = context.database.db;
  const [unitA, unitB, unitC] = [await buildUnit(db, { name: '市发展和改革委员会' }), await buildUnit(db), await buildUnit(db)];
  // Unit A has a 简称, which is the name the case page prints.
  await db.update(units).set({ shortName: '市发改委' }).where(eq(units.id, unitA!.id));
  const clerk = await actingAs(context.app, db, ['clerk']);
  const standIn = await actingAs(context.app, db, ['clerk']);
  const leader = await actingAs(context.app, db, ['leader']);
  const liaisonA = await actingAs(context.app, db, ['liaison'], { unitId: unitA!.id });
  const liaisonB = await actingAs(context.app, db, ['liaison'], { unitId: unitB!.id });
  const liaisonC = await actingAs(context.app, db, ['liaison'], { unitId: unitC!.id });
  const register = async (sourceTitle: string) => {
    const response = await post(context, clerk, '/api/cases', {
      kind: 'instruction',
      fields: { leaderId: leader.user.id, leaderName: '李红梅', instructedOn: '2026-11-01', instruction: '请抓紧研究办理。', sourceTitle },
    });
    return (response.json() as { id: string }).id;
  };
  const x = await register('关于城东片区改造的请示');
  const y = await register('关于路灯维修的来信');
  const z = await register('关于老旧小区加装电梯的建议');
  const bare = await register('关于公交线路调整的来信');
  await ok(context, clerk, x, 'assign', { units: [{ unitId: unitA!.id, role: 'lead' }], comment: '请发改委牵头' });
  await ok(context, clerk, x, 'assign', { units: [{ unitId: unitB!.id, role: 'assist' }] });
  await ok(context, clerk, y, 'assign', { units: [{ unitId: unitA!.id, role: 'lead' }] });
  const assignmentA = (await detailOf(clerk, x)).assignments.find((a) => a.unitId === unitA!.id)!.id;
  const assignmentB = (await detailOf(clerk, x)).assignments.find((a) => a.unitId === unitB!.id)!.id;
  await ok(context, liaisonA, x, 'sign', { assignmentId: assignmentA });
  await ok(context, liaisonB, x, 'sign', { assignmentId: assignmentB });
  await ok(context, liaisonA, x, 'ask_extension', { assignmentId: assignmentA, extension: { amount: 3, reason: '需补充实地调研' } });
  await ok(context, clerk, x, 'grant_extension', { assignmentId: assignmentA, comment: '同意' });
  await post(context, clerk, `/api/cases/${x}/urge`, { message: '请加快办理进度。' });
  await post(context, clerk, `/api/cases/${x}/urge`, { message: '请协办单位尽快反馈。', assignmentId: assignmentB });
  await post(context, clerk, `/api/cases/${x}/circulations`, { recipients: [{ unitId: unitB!.id }], purpose: '请阅知' });
  await post(context, clerk, `/api/cases/${x}/circulations`, { recipients: [{ userId: leader.user.id }], purpose: '请研提意见' });
  await post(context, clerk, `/api/cases/${x}/circulations`, { recipients: [{ unitId: unitC!.id }], purpose: '请参阅' });
  const toB = (await detailOf(liaisonB, x)).circulations[0]!;
  await post(context, liaisonB, `/api/cases/${x}/circulations/${toB.id}/read`, { comment: '已阅，将配合。' }, 204);
  await post(context, clerk, `/api/cases/${x}/links`, { toCaseId: y, type: 'related' }, 204);
  await post(context, clerk, `/api/cases/${z}/links`, { toCaseId: x, type: 'child_of' }, 204);
  await ok(context, liaisonA, x, 'reply', { assignmentId: assignmentA, reply: '已完成片区改造方案初稿。' });
  // AB角: the leader's work stands in with a second clerk for the month.
  await post(context, leader, '/api/delegations', { toUserId: standIn.user.id, startDate: '2026-11-01', endDate: '2026-11-30' });
  return { unitA: unitA!, unitB: unitB!, unitC: unitC!, clerk, standIn, leader, liaisonA, liaisonB, liaisonC, x, y, z, bare, assignmentA, assignmentB };
};

