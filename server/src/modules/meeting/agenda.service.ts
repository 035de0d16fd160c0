/**
 * 议题: a unit submits one with its materials before the meeting's cut-off; 法制科 gives the 合法性审查
 * (its opinions counted); the 秘书长 sets the agenda, which refuses an item that needs review and has not
 * passed it — 《重大行政决策程序暂行条例》第二十五条: 决策草案未经合法性审查或者经审查不合法的，不得提交决策机关讨论.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ReviewAgendaItemInput, SetAgendaInput, SubmitAgendaItemInput } from '../../../../common/schemas/meeting.js';
import { records } from '../../db/schema/index.js';
import { insertRecord, linkRecord, lockRecord, saveRecord, type RecordRow } from '../../engine/records/records.store.js';
import { getRecord } from '../../engine/records/records.service.js';
import type { RecordDetailView } from '../../../../common/schemas/records.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { conflict, invalidState, notFound, validationError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { agendaItemRecord, meetingRecord, type AgendaItemFields, type MeetingFields } from './meeting.types.js';

const LEGAL_BASIS = '《重大行政决策程序暂行条例》第二十五条';
const open = ['planned', 'noticed'];

export const submitAgendaItem = async ({ db, actor, meetingId, input, now }: { db: Db; actor: Actor; meetingId: string; input: z.infer<typeof SubmitAgendaItemInput>; now: Date }): Promise<RecordDetailView> => {
  requirePermission(actor, 'agenda.submit');
  if (actor.scope === 'unit' && input.unitId && input.unitId !== actor.unitId) throw notFound('单位');
  const unitId = actor.scope === 'unit' ? actor.unitId : (input.unitId ?? actor.unitId);
  const id = await db.transaction(async (tx) => {
    const meeting = await lockRecord(tx, 'meeting', meetingId, '会议');
    const fields = meeting.fields as MeetingFields;
    if (!open.includes(meeting.state)) throw invalidState('会议已召开或已取消，不能再报送议题');
    if (fields.submissionDeadline && now > new Date(fields.submissionDeadline)) {
      throw conflict(`已过议题报送截止时间（${new Date(fields.submissionDeadline).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}），不能再报送`);
    }
    const { unitId: _named, ...item } = input;
    const row = await insertRecord(tx, {
      recordType: agendaItemRecord,
      fields: { ...item, meetingId, submittedAt: now.toISOString() },
      unitId,
      actor,
      now,
      comment: `报送议题：${input.subject}`,
    });
    await linkRecord(tx, { recordId: row.id, target: { recordId: meetingId }, relation: 'agenda_of', actor, now, label: meeting.title });
    return row.id;
  });
  return getRecord({ db, actor, type: 'agenda_item', id, now });
};

export const reviewAgendaItem = async ({ db, actor, id, input, now }: { db: Db; actor: Actor; id: string; input: z.infer<typeof ReviewAgendaItemInput>; now: Date }): Promise<RecordDetailView> => {
  requirePermission(actor, 'agenda.review');
  await db.transaction(async (tx) => {
    const row = await lockRecord(tx, 'agenda_item', id, '议题');
    if (!['submitted', 'reviewed'].includes(row.state)) throw invalidState('议题已列入议程或已退回，不能再审查');
    const fields = row.fields as AgendaItemFields;
    const review = { result: input.result, opinion: input.opinion, opinionCount: input.opinionCount, reviewerName: actor.displayName, at: now.toISOString() };
    await saveRecord(tx, {
      recordType: agendaItemRecord,
      record: row,
      version: input.version,
      fields: { ...fields, review },
      state: 'reviewed',
      action: 'legal_review',
      comment: `合法性审查：${{ passed: '合法', revise: '修改后可提交', failed: '不合法' }[input.result]}，提出意见 ${input.opinionCount} 条`,
      actor,
      now,
    });
  });
  return getRecord({ db, actor, type: 'agenda_item', id, now });
};

/** Why an item may not be put on the agenda, or undefined. */
export const whyNotOnAgenda = (item: Pick<AgendaItemFields, 'needsLegalReview' | 'review' | 'subject'>): string | undefined => {
  if (!item.needsLegalReview) return undefined;
  if (!item.review) return `议题「${item.subject}」未经合法性审查，不得提交会议讨论（${LEGAL_BASIS}）`;
  if (item.review.result !== 'passed') return `议题「${item.subject}」经合法性审查未通过，不得提交会议讨论（${LEGAL_BASIS}）`;
  return undefined;
};

/** Sets the agenda in the given order; items taken off go back to where they were before. */
export const setAgenda = async ({ db, actor, meetingId, input, now }: { db: Db; actor: Actor; meetingId: string; input: z.infer<typeof SetAgendaInput>; now: Date }): Promise<void> => {
  requirePermission(actor, 'agenda.set');
  if (new Set(input.itemIds).size !== input.itemIds.length) throw validationError('输入有误：议题 不能重复');
  await db.transaction(async (tx) => {
    const meeting = await lockRecord(tx, 'meeting', meetingId, '会议');
    if (meeting.version !== input.version) throw conflict();
    if (!open.includes(meeting.state)) throw invalidState('会议已召开或已取消，不能再调整议程');
    const fields = meeting.fields as MeetingFields;
    const touched = [...new Set([...input.itemIds, ...fields.agenda])].sort(); // locked in id order: no deadlock with another agenda
    const rows = touched.length
      ? await tx.select().from(records).where(and(eq(records.type, 'agenda_item'), inArray(records.id, touched), sql`${records.fields}->>'meetingId' = ${meetingId}`)).orderBy(records.id).for('update')
      : [];
    const byId = new Map<string, RecordRow>(rows.map((row) => [row.id, row]));
    for (const itemId of input.itemIds) {
      const row = byId.get(itemId);
      if (!row) throw notFound('议题');
      if (row.state === 'returned') throw conflict(`议题「${row.title}」已退回，不能列入议程`);
      const refusal = whyNotOnAgenda(row.fields as AgendaItemFields);
      if (refusal) throw conflict(refusal);
    }
    for (const row of rows) {
      const position = input.itemIds.indexOf(row.id);
      const itemFields = row.fields as AgendaItemFields;
      if (position >= 0 && (row.state !== 'scheduled' || itemFields.position !== position + 1)) {
        await saveRecord(tx, { recordType: agendaItemRecord, record: row, version: row.version, fields: { ...itemFields, position: position + 1 }, state: 'scheduled', action: 'schedule', comment: `列入议程第 ${position + 1} 项`, actor, now });
      } else if (position < 0 && row.state === 'scheduled') {
        const { position: _was, ...rest } = itemFields;
        await saveRecord(tx, { recordType: agendaItemRecord, record: row, version: row.version, fields: rest, state: itemFields.review ? 'reviewed' : 'submitted', action: 'unschedule', comment: '移出议程', actor, now });
      }
    }
    await saveRecord(tx, { recordType: meetingRecord, record: meeting, version: input.version, fields: { ...fields, agenda: input.itemIds }, action: 'set_agenda', comment: `确定议程（${input.itemIds.length} 项）`, actor, now });
  });
};
