/**
 * The 交办会: many items given at once, each to its 主办 (one, or several for 分办) and 会办 units, in one
 * transaction — the engine's 交办 per item, so each unit's clock starts that day — and the 交办单 each unit
 * takes away, as an .xlsx of the items it was given there (主办 or 会办, the other units, the due date).
 */
import ExcelJS from 'exceljs';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { batchAssignLabels, BatchAssignInput, bodyLabels, type BatchAssignResult } from '../../../../common/schemas/proposal.js';
import { assignments, cases } from '../../db/schema/index.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { caseVisibility, identitiesOf } from '../../engine/cases/access.js';
import { unitNames } from '../../engine/cases/cases.repository.js';
import { performAction } from '../../engine/cases/perform-action.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { AppError, invalidInput, notFound, validationError } from '../../platform/errors.js';
import { readProposalFields } from './proposal.fields.js';
import { assertProposalOffice, KIND } from './proposal.service.js';

/**
 * Gives every item of the batch to its units (交办), all or nothing: a stale version is a 409 for the whole
 * batch, a refused item names its number. Returns how many items each unit got as 主办 and as 会办.
 */
export const holdAssignmentMeeting = async ({ db, actor, input, now }: { db: Db; actor: Actor; input: BatchAssignInput; now: Date }): Promise<BatchAssignResult> => {
  assertProposalOffice(actor);
  const parsed = BatchAssignInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues, { labels: batchAssignLabels });
  const { meetingOn, items } = parsed.data;
  if (new Set(items.map((item) => item.caseId)).size !== items.length) throw validationError('同一件不能在一次交办会中交办两次');
  const tally = new Map<string, { lead: number; consult: number }>();
  const count = (unitId: string, role: 'lead' | 'consult') => {
    const entry = tally.get(unitId) ?? { lead: 0, consult: 0 };
    entry[role] += 1;
    tally.set(unitId, entry);
  };
  await db.transaction(async (tx) => {
    for (const item of items) {
      const units = [...item.leadUnitIds.map((unitId) => ({ unitId, role: 'lead' as const })), ...item.consultUnitIds.map((unitId) => ({ unitId, role: 'consult' as const }))];
      try {
        await performAction({ db: tx, actor, caseId: item.caseId, action: 'assign', input: { version: item.version, units, meetingOn, comment: `${meetingOn} 交办会交办` }, now });
      } catch (error) {
        if (error instanceof AppError && error.code !== 'CONFLICT') {
          const [row] = await tx.select({ fields: cases.fields }).from(cases).where(eq(cases.id, item.caseId));
          const number = row ? `第 ${String((row.fields as { number?: unknown }).number)} 号` : item.caseId;
          throw new AppError(error.code, `${number}交办失败：${error.message}。本次交办会未交办任何一件`, error.details);
        }
        throw error;
      }
      for (const unit of units) count(unit.unitId, unit.role);
    }
    await writeAudit(tx, { actor }, { action: 'proposal.assignment_meeting', result: 'success', objectType: 'proposal_meeting', objectLabel: meetingOn, details: { items: items.length, units: tally.size } });
  });
  const names = await unitNames(db, [...tally.keys()]);
  return { meetingOn, assigned: items.length, units: [...tally].map(([unitId, counts]) => ({ unitId, unitName: names.get(unitId) ?? '', ...counts })) };
};

const roleLabels: Record<string, string> = { lead: '主办', consult: '会办' };

/**
 * The 交办单 of one unit for one 交办会: the items it was given there. A 联络员 gets their own unit's
 * only (another unit's is 404, as anything out of scope).
 */
export const assignmentSheet = async ({ db, actor, meetingOn, unitId, now }: { db: Db; actor: Actor; meetingOn: string; unitId: string; now: Date }): Promise<{ buffer: Buffer; fileName: string }> => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  if (actor.scope === 'unit' && actor.unitId !== unitId) throw notFound('交办单');
  const rows = await db
    .select({ id: cases.id, fields: cases.fields, title: cases.title, role: assignments.role, dueDate: assignments.dueDate })
    .from(cases)
    .innerJoin(assignments, and(eq(assignments.caseId, cases.id), eq(assignments.unitId, unitId)))
    .where(and(eq(cases.kind, KIND), eq(sql`${cases.fields}->>'meetingOn'`, meetingOn), inArray(assignments.state, ['pending', 'in_progress', 'replied']), caseVisibility(identities)))
    .orderBy(asc(sql`${cases.fields}->>'body'`), asc(sql`(${cases.fields}->>'number')`));
  const others = rows.length === 0 ? [] : await db.select({ caseId: assignments.caseId, unitId: assignments.unitId, role: assignments.role }).from(assignments).where(and(inArray(assignments.caseId, rows.map((row) => row.id)), inArray(assignments.state, ['pending', 'in_progress', 'replied'])));
  const names = await unitNames(db, [unitId, ...others.map((row) => row.unitId)]);
  const unitName = names.get(unitId) ?? '';
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '府办 Fuban';
  const sheet = workbook.addWorksheet('交办单');
  const title = `建议提案交办单（${meetingOn} 交办会）— ${unitName}`;
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, 10);
  sheet.getRow(1).font = { bold: true, size: 14 };
  const header = sheet.addRow(['序号', '类型', '届次', '编号', '标题', '领衔代表/提案人', '办理方式', '主办单位', '会办单位', '答复期限']);
  header.font = { bold: true };
  rows.forEach((row, index) => {
    const fields = readProposalFields(row.fields);
    const ofCase = others.filter((other) => other.caseId === row.id);
    const leads = ofCase.filter((other) => other.role === 'lead').map((other) => names.get(other.unitId) ?? '');
    const consults = ofCase.filter((other) => other.role === 'consult').map((other) => names.get(other.unitId) ?? '');
    const mode = row.role === 'lead' && leads.length > 1 ? '分办' : (roleLabels[row.role] ?? row.role);
    sheet.addRow([index + 1, bodyLabels[fields.body], `${fields.term}${fields.session}次会议`, fields.number, row.title, fields.leadName, mode, leads.join('、'), consults.join('、'), row.dueDate ?? '']);
  });
  sheet.columns.forEach((column, index) => {
    column.width = [6, 12, 16, 8, 44, 14, 8, 20, 20, 12][index];
  });
  sheet.addRow([]);
  sheet.addRow([`共 ${rows.length} 件。主办单位自交办之日起 3 个月内答复；会办单位 1 个月内将会办意见送主办单位；非本单位职责的，请在交办之日起规定期限内说明理由退回。`]);
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), fileName: `建议提案交办单-${unitName}-${meetingOn}.xlsx` };
};
