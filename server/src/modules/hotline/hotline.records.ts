/**
 * What the 12345 center keeps beside its tickets, as records (engine/records): the two-level category
 * tree (分类: a 一级 row has no parent, a 二级 row names its 一级), edited in place, and each unit's
 * 职责清单 — the lines a unit may cite to 退单 a ticket, kept per unit by the center, not by the unit.
 */
import { z } from 'zod';
import { isoDate, safeLine, safeText } from '../../../../common/schemas/primitives.js';
import { defineRecordType } from '../../engine/records/record-type.js';

export const CATEGORY_RECORD = 'hotline_category';
export const DUTY_RECORD = 'hotline_duty';
export const ANSWER_RECORD = 'hotline_answer';

export const hotlineCategoryRecord = defineRecordType({
  type: CATEGORY_RECORD,
  label: '热线诉求分类',
  fields: z.object({
    name: safeLine().trim().min(1, '请填写分类名称').max(40, '分类名称不超过 40 字').refine((name) => !name.includes('/'), '分类名称不能含“/”'),
    /** The 一级 category this one sits under; empty for a 一级 category. */
    parent: safeLine().trim().max(40).default(''),
    isActive: z.boolean().default(true),
    sortOrder: z.number().int().min(0).max(999).default(0),
  }),
  title: (fields) => (fields.parent ? `${fields.parent}/${fields.name}` : fields.name),
  initialState: 'active',
  listColumns: [{ key: 'parent', label: '一级分类' }, { key: 'name', label: '名称' }, { key: 'isActive', label: '启用' }],
  detail: [{ key: 'parent', label: '一级分类' }, { key: 'name', label: '名称' }, { key: 'isActive', label: '启用' }, { key: 'sortOrder', label: '排序' }],
  read: 'hotline.read',
  write: 'hotline.manage',
  isUnitScoped: false,
  writes: 'generic',
});

export const hotlineDutyRecord = defineRecordType({
  type: DUTY_RECORD,
  label: '职责清单',
  fields: z.object({
    /** One line of the unit's 职责清单, as a 退单 cites it (不属于本单位职责的，写明归属). */
    item: safeLine().trim().min(2, '请填写职责事项').max(200, '职责事项不超过 200 字'),
  }),
  title: (fields) => fields.item,
  initialState: 'active',
  listColumns: [{ key: 'item', label: '职责事项' }],
  detail: [{ key: 'item', label: '职责事项' }],
  read: 'hotline.read',
  write: 'hotline.manage',
  isUnitScoped: true,
  writes: 'generic',
});

/**
 * 知识库 (GB/T 44191-2024): a standard answer by category, valid between two dates (a policy changes), offered
 * to the agent while the call is typed and used to answer a 咨询 on the spot.
 */
export const hotlineAnswerRecord = defineRecordType({
  type: ANSWER_RECORD,
  label: '热线知识库',
  fields: z
    .object({
      category: safeLine().trim().max(120).default(''),
      question: safeLine().trim().min(2, '请填写问题').max(200, '问题不超过 200 字'),
      answer: safeText().trim().min(2, '请填写答复口径').max(4000, '答复口径不超过 4000 字'),
      validFrom: isoDate('生效日期应为实际存在的日期，格式 YYYY-MM-DD'),
      validTo: isoDate('失效日期应为实际存在的日期，格式 YYYY-MM-DD').optional(),
    })
    .refine((fields) => !fields.validTo || fields.validTo >= fields.validFrom, { message: '失效日期不能早于生效日期', path: ['validTo'] }),
  title: (fields) => fields.question,
  initialState: 'active',
  listColumns: [{ key: 'category', label: '分类' }, { key: 'question', label: '问题' }, { key: 'validFrom', label: '生效' }, { key: 'validTo', label: '失效' }],
  detail: [{ key: 'category', label: '分类' }, { key: 'question', label: '问题' }, { key: 'answer', label: '答复口径' }, { key: 'validFrom', label: '生效日期' }, { key: 'validTo', label: '失效日期' }],
  read: 'hotline.read',
  write: 'hotline.manage',
  isUnitScoped: false,
  writes: 'generic',
});

export const hotlineRecordTypes = [hotlineCategoryRecord, hotlineDutyRecord, hotlineAnswerRecord];
