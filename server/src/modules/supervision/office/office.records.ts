/**
 * What the 督查室 sends and records, as records beside the 督办 items (engine/records): 督办通知 / 督办函
 * (numbered per year, linked to the item, addressed to its units), 督查通报 (第 N 期, a draft compiled from
 * the items' states, edited, then issued), 实地督查 (date, place, people, findings, photos, the items checked)
 * and 督查建议. Each is counted by a metric (supervision.notices, .bulletins, .fieldChecks, .recommendations).
 */
import { z } from 'zod';
import { AttachmentRef } from '../../../../../common/schemas/cases.js';
import { isoDate, safeLine, safeText } from '../../../../../common/schemas/primitives.js';
import { defineRecordType } from '../../../engine/records/record-type.js';

export const noticeTypes = ['督办通知', '督办函'] as const;

export const SupervisionNoticeFields = z.object({
  caseId: z.string().uuid(),
  noticeType: z.enum(noticeTypes),
  year: z.number().int(),
  no: z.number().int().min(1),
  sentOn: isoDate(),
  /** The day the units are to report back by. */
  replyBy: isoDate(),
  toUnitIds: z.array(z.string().uuid()).min(1),
  itemTitle: safeLine().max(200),
  text: safeText().max(4000),
});
export type SupervisionNoticeFields = z.infer<typeof SupervisionNoticeFields>;

export const supervisionNoticeRecord = defineRecordType({
  type: 'supervision_notice',
  label: '督办通知',
  fields: SupervisionNoticeFields,
  title: (fields) => `${fields.noticeType}〔${fields.year}〕${fields.no}号：${fields.itemTitle}`,
  initialState: 'sent',
  states: { sent: '已发出' },
  listColumns: [{ key: 'noticeType', label: '类型' }, { key: 'no', label: '编号' }, { key: 'itemTitle', label: '督办事项' }, { key: 'sentOn', label: '发出日期' }],
  detail: [{ key: 'noticeType', label: '类型' }, { key: 'no', label: '编号' }, { key: 'itemTitle', label: '督办事项' }, { key: 'sentOn', label: '发出日期' }, { key: 'replyBy', label: '报送期限' }, { key: 'text', label: '督办要求' }],
  read: 'supervision.read',
  write: 'supervision.manage',
  // Addressed to the lead unit: a 联络员 sees the notices sent to their unit, no other's.
  isUnitScoped: true,
  writes: 'module',
});

export const BodyBlock = z.union([
  z.object({ kind: z.literal('paragraph').optional(), level: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), prefix: safeLine().max(10), text: safeText().max(5000) }),
  z.object({
    kind: z.literal('table'),
    columnWidths: z.array(z.number().positive()).min(1).max(12),
    rows: z.array(z.array(z.object({ text: safeText().max(1000), colSpan: z.number().int().min(1).max(12).optional(), rowSpan: z.number().int().min(1).max(200).optional(), isHeader: z.boolean().optional(), align: z.enum(['left', 'center']).optional() })).max(12)).max(500),
  }),
]);

export const SupervisionBulletinFields = z.object({
  year: z.number().int(),
  issueNo: z.number().int().min(1),
  from: isoDate(),
  to: isoDate(),
  title: safeLine().trim().min(2, '请填写标题').max(100),
  body: z.array(BodyBlock).min(1, '请填写正文').max(400),
  issuedOn: isoDate().optional(),
});
export type SupervisionBulletinFields = z.infer<typeof SupervisionBulletinFields>;

export const supervisionBulletinRecord = defineRecordType({
  type: 'supervision_bulletin',
  label: '督查通报',
  fields: SupervisionBulletinFields,
  title: (fields) => `${fields.title}（${fields.year}年第${fields.issueNo}期）`,
  initialState: 'draft',
  states: { draft: '草稿', issued: '已印发' },
  listColumns: [{ key: 'issueNo', label: '期数' }, { key: 'title', label: '标题' }, { key: 'from', label: '起' }, { key: 'to', label: '止' }, { key: 'issuedOn', label: '印发日期' }],
  detail: [{ key: 'issueNo', label: '期数' }, { key: 'title', label: '标题' }, { key: 'from', label: '起' }, { key: 'to', label: '止' }, { key: 'issuedOn', label: '印发日期' }],
  read: 'supervision.manage',
  write: 'supervision.manage',
  isUnitScoped: false,
  writes: 'module',
});

export const FieldCheckFields = z.object({
  checkedOn: isoDate('督查日期应为实际存在的日期'),
  place: safeLine().trim().min(2, '请填写督查地点').max(200),
  people: safeLine().trim().min(2, '请填写参加人员').max(300),
  /** 实地 on site, 电话 by phone (「电话督查」 counts with the field checks in the seeds). */
  method: z.enum(['实地', '电话', '暗访']).default('实地'),
  findings: safeText().trim().min(2, '请填写督查发现').max(5000),
  photos: z.array(AttachmentRef).max(30).default([]),
  caseIds: z.array(z.string().uuid()).max(50).default([]),
});
export type FieldCheckFields = z.infer<typeof FieldCheckFields>;

export const fieldCheckRecord = defineRecordType({
  type: 'field_check',
  label: '实地督查',
  fields: FieldCheckFields,
  title: (fields) => `${fields.checkedOn} ${fields.place}`,
  initialState: 'recorded',
  states: { recorded: '已登记' },
  listColumns: [{ key: 'checkedOn', label: '日期' }, { key: 'method', label: '方式' }, { key: 'place', label: '地点' }, { key: 'people', label: '参加人员' }],
  detail: [{ key: 'checkedOn', label: '日期' }, { key: 'method', label: '方式' }, { key: 'place', label: '地点' }, { key: 'people', label: '参加人员' }, { key: 'findings', label: '督查发现' }],
  read: 'supervision.manage',
  write: 'supervision.manage',
  isUnitScoped: false,
  writes: 'module',
});

export const InspectionAdviceFields = z.object({
  givenOn: isoDate('日期应为实际存在的日期'),
  toUnitName: safeLine().trim().min(2, '请填写建议对象').max(100),
  subject: safeLine().trim().min(2, '请填写建议事项').max(200),
  text: safeText().trim().min(2, '请填写建议内容').max(5000),
  /** 被采纳 when the leader or unit adopted it (the seeds count adopted 督查建议). */
  isAdopted: z.boolean().default(false),
});

export const inspectionAdviceRecord = defineRecordType({
  type: 'inspection_advice',
  label: '督查建议',
  fields: InspectionAdviceFields,
  title: (fields) => fields.subject,
  initialState: 'given',
  states: { given: '已提出' },
  listColumns: [{ key: 'givenOn', label: '日期' }, { key: 'toUnitName', label: '建议对象' }, { key: 'subject', label: '建议事项' }, { key: 'isAdopted', label: '已采纳' }],
  detail: [{ key: 'givenOn', label: '日期' }, { key: 'toUnitName', label: '建议对象' }, { key: 'subject', label: '建议事项' }, { key: 'text', label: '建议内容' }, { key: 'isAdopted', label: '已采纳' }],
  read: 'supervision.manage',
  write: 'supervision.manage',
  isUnitScoped: false,
  writes: 'generic',
});

export const supervisionRecordTypes = [supervisionNoticeRecord, supervisionBulletinRecord, fieldCheckRecord, inspectionAdviceRecord];
