/** 实地督查: one visit (or phone check) with what was found and its photos, linked to each item it checked. */
import { z } from 'zod';
import type { RecordDetailView } from '../../../../../common/schemas/records.js';
import { todayInShanghai } from '../../../engine/calendar/calendar.js';
import { identitiesOf } from '../../../engine/cases/access.js';
import { findVisibleCase } from '../../../engine/cases/cases.repository.js';
import { getRecord } from '../../../engine/records/records.service.js';
import { insertRecord, linkRecord } from '../../../engine/records/records.store.js';
import type { Actor } from '../../../platform/actor.js';
import type { Db } from '../../../platform/db.js';
import { invalidInput, notFound, validationError } from '../../../platform/errors.js';
import { requirePermission } from '../../../platform/scope.js';
import { FieldCheckFields, fieldCheckRecord } from './office.records.js';

export const recordFieldCheck = async ({ db, actor, input, now }: { db: Db; actor: Actor; input: z.input<typeof FieldCheckFields>; now: Date }): Promise<RecordDetailView> => {
  requirePermission(actor, 'supervision.manage');
  const parsed = FieldCheckFields.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  const today = todayInShanghai(now);
  if (parsed.data.checkedOn > today) throw validationError('督查日期不能晚于今天', { fields: [{ path: 'checkedOn', message: '不能晚于今天' }] });
  const identities = await identitiesOf({ db, actor, today });
  const checked: Array<{ id: string; serialNo: string }> = [];
  for (const caseId of new Set(parsed.data.caseIds)) {
    const item = await findVisibleCase(db, identities, caseId);
    if (!item || item.kind !== 'supervision') throw notFound('督办事项');
    checked.push(item);
  }
  const id = await db.transaction(async (tx) => {
    const row = await insertRecord(tx, { recordType: fieldCheckRecord, fields: parsed.data, unitId: null, actor, now, comment: `登记${parsed.data.method}督查` });
    for (const item of checked) await linkRecord(tx, { recordId: row.id, target: { caseId: item.id }, relation: 'field_check', actor, now, label: `督办事项 ${item.serialNo}` });
    return row.id;
  });
  return getRecord({ db, actor, type: fieldCheckRecord.type, id, now });
};
