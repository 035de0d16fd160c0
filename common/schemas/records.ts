/** Records beside cases (engine/records): the views the generic routes return and the web renders. */
import { z } from 'zod';
import { safeLine, versionNumber } from './primitives.js';

export const RecordColumn = z.object({ key: z.string(), label: z.string() });
export type RecordColumn = z.infer<typeof RecordColumn>;

export const RecordLinkView = z.object({
  id: z.string(),
  relation: z.string(),
  /** 'out': this record links to the target; 'in': the other record links to this one. */
  direction: z.enum(['out', 'in']),
  recordId: z.string().nullable(),
  recordType: z.string().nullable(),
  caseId: z.string().nullable(),
  title: z.string(),
});
export type RecordLinkView = z.infer<typeof RecordLinkView>;

export const RecordEventView = z.object({ seq: z.number(), action: z.string(), comment: z.string().nullable(), actorName: z.string(), at: z.string() });
export type RecordEventView = z.infer<typeof RecordEventView>;

export const RecordView = z.object({
  id: z.string(),
  type: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  title: z.string(),
  state: z.string(),
  fields: z.record(z.string(), z.unknown()),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type RecordView = z.infer<typeof RecordView>;

export const RecordDetailView = RecordView.extend({
  columns: z.array(RecordColumn),
  events: z.array(RecordEventView),
  links: z.array(RecordLinkView),
  canChange: z.boolean(),
});
export type RecordDetailView = z.infer<typeof RecordDetailView>;

export const RecordListView = z.object({ type: z.string(), label: z.string(), columns: z.array(RecordColumn), canCreate: z.boolean(), items: z.array(RecordView) });
export type RecordListView = z.infer<typeof RecordListView>;

export const RecordTypeParams = z.object({ type: safeLine().max(40) });
export const RecordIdParams = RecordTypeParams.extend({ id: z.string().uuid('编号格式不正确') });
export const RecordListQuery = z.object({ unit: z.string().uuid('单位编号格式不正确').optional(), limit: z.coerce.number().int().min(1).max(500).default(200) });

/** Create: the type's own fields, and for office staff the unit it belongs to. */
export const CreateRecordInput = z.object({ fields: z.record(z.string(), z.unknown()), unitId: z.string().uuid('单位编号格式不正确').optional() });
export const UpdateRecordInput = z.object({ fields: z.record(z.string(), z.unknown()), version: versionNumber() });
