/**
 * A 纪要's 议定事项 become 督办 items when it is issued (核发): each opened (source 会议议定事项) and given to
 * its 牵头单位 and 责任单位, linked to the 纪要 (派生自) and — when the meeting was held in Fuban — to the
 * meeting and to the 议题 it settled, in the 核发's own transaction. The 签发 made the decisions binding:
 * the office that issues the 纪要 opens them in the 督查室's name, and the trail says so.
 */
import { and, eq } from 'drizzle-orm';
import { permissionsOf } from '../../../../common/access.js';
import { TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';
import { CreateSupervisionInput } from '../../../../common/schemas/supervision.js';
import type { MinutesDecision } from '../../../../common/schemas/outgoing.js';
import { caseLinks, records } from '../../db/schema/index.js';
import { linkRecord } from '../../engine/records/records.store.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { validationError } from '../../platform/errors.js';
import { openSupervisionItem } from './supervision.service.js';

export type MinutesToOpen = { caseId: string; name: string; meetingId?: string | undefined; decisions: readonly MinutesDecision[] };
export type OpenedDecision = { index: number; caseId: string; serialNo: string };

/** The issuing clerk, acting for the 督查室 for this one purpose. */
const forTheOffice = (actor: Actor): Actor => ({
  ...actor,
  displayName: `${actor.displayName}（据纪要立项）`,
  roles: [...new Set([...actor.roles, 'inspector' as const])],
  permissions: new Set([...actor.permissions, ...permissionsOf(['inspector'])]),
});

const recordOfType = async (tx: Db, id: string, type: string) => (await tx.select({ id: records.id }).from(records).where(and(eq(records.id, id), eq(records.type, type))))[0];

export const openMinutesDecisions = async ({ tx, actor, minutes, today, now }: { tx: Db; actor: Actor; minutes: MinutesToOpen; today: string; now: Date }): Promise<OpenedDecision[]> => {
  if (minutes.meetingId && !(await recordOfType(tx, minutes.meetingId, 'meeting'))) throw validationError('纪要所记的会议不存在', { fields: [{ path: 'meetingId', message: '会议不存在' }] });
  const office = forTheOffice(actor);
  const opened: OpenedDecision[] = [];
  for (const [index, decision] of minutes.decisions.entries()) {
    const label = `议定事项 ${index + 1}`;
    if (decision.deadline < today) throw validationError(`${label}的完成时限 ${decision.deadline} 已过，请修改纪要后再核发`, { fields: [{ path: `decisions.${index}.deadline`, message: '完成时限已过' }] });
    if (decision.agendaItemId && !(await recordOfType(tx, decision.agendaItemId, 'agenda_item'))) throw validationError(`${label}所属的议题不存在`);
    const input = CreateSupervisionInput.safeParse({
      source: '会议议定事项',
      title: decision.text.length <= TITLE_MAX_LENGTH ? decision.text : `${decision.text.slice(0, TITLE_MAX_LENGTH - 1)}…`,
      measures: `${decision.text}\n（${minutes.name}${label}）`,
      leadUnitId: decision.leadUnitId,
      helperUnitIds: decision.helperUnitIds,
      openedOn: today,
      deadline: decision.deadline,
      reportCycle: 'monthly',
    });
    if (!input.success) throw validationError(`${label}：${input.error.issues[0]?.message ?? '格式不正确'}`);
    const item = await openSupervisionItem({ db: tx, actor: office, item: input.data, now });
    await tx.insert(caseLinks).values({ fromCaseId: item.id, toCaseId: minutes.caseId, type: 'derived_from', createdAt: now }).onConflictDoNothing();
    if (minutes.meetingId) await linkRecord(tx, { recordId: minutes.meetingId, target: { caseId: item.id }, relation: 'decision', actor, now, label: `${label} ${item.serialNo}` });
    if (decision.agendaItemId) await linkRecord(tx, { recordId: decision.agendaItemId, target: { caseId: item.id }, relation: 'decision', actor, now, label: `${label} ${item.serialNo}` });
    opened.push({ index, caseId: item.id, serialNo: item.serialNo });
  }
  if (minutes.meetingId) await linkRecord(tx, { recordId: minutes.meetingId, target: { caseId: minutes.caseId }, relation: 'minutes', actor, now, label: minutes.name });
  return opened;
};
