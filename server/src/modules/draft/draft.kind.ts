/**
 * 文稿: speeches, reports, 汇报材料, 调研报告 and other 综合材料 the office writes for leaders.
 * Each version is kept with its character count as offices count 字数 (Chinese characters and
 * digits); the year's total is reported in 万字 (seeds: 撰写各类综合材料 300 余篇, 30 余万字).
 */
import { z } from 'zod';
import { isoDate, safeLine, TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';
import { longText } from '../../engine/inputs/fields.js';
import { commentInput } from '../../engine/inputs/standard.js';
import type { KindDefinition, WaitingOn } from '../../engine/kinds/kind.types.js';
import { validationError } from '../../platform/errors.js';

export const draftTypes = ['讲话稿', '汇报材料', '调研报告', '综合材料', '工作总结', '署名文章', '其他'] as const;

export const DraftFields = z.object({
  title: safeLine().trim().min(2, '请填写文稿标题').max(TITLE_MAX_LENGTH, `标题不超过 ${TITLE_MAX_LENGTH} 字`),
  draftType: z.enum(draftTypes, { message: '请选择文稿类型' }),
  forWhom: safeLine().trim().max(60).optional(), // e.g. 市长
  occasion: safeLine().trim().max(200).optional(), // e.g. 全市经济工作会议
  dueOn: isoDate().optional(),
});
export type DraftFields = z.infer<typeof DraftFields>;

export type DraftVersion = { no: number; chars: number; note: string; by: string; at: string };

/** 字数 as offices count it: Chinese characters and digits (punctuation and Latin letters are not counted). */
export const countCharacters = (text: string): number => (text.match(/[\p{Script=Han}0-9０-９]/gu) ?? []).length;

const versionsOf = (fields: Record<string, unknown>): DraftVersion[] => (fields.versions as DraftVersion[] | undefined) ?? [];

const writers = ['clerk', 'director', 'info_staff', 'inspector'] as const;
const reviewers = ['director', 'leader'] as const;

export const draftKind: KindDefinition<typeof DraftFields> = {
  id: 'draft',
  label: '文稿',
  fields: DraftFields,
  titleOf: (fields) => fields.title,
  searchTextOf: (fields) => [fields.title, fields.draftType, fields.forWhom ?? '', fields.occasion ?? ''].join(' '),
  states: { drafting: '起草中', reviewing: '审核中', final: '已定稿' },
  initialState: 'drafting',
  roles: { create: writers, view: [...writers, 'leader'] },
  transitions: [
    {
      action: 'add_version',
      label: '保存新稿',
      from: ['drafting'],
      to: null,
      actor: [{ handler: true }, { roles: writers }],
      input: {
        text: longText({
          label: '文稿正文',
          required: '请粘贴文稿正文（用于计算字数）',
          max: 300_000,
          variant: 'document',
          help: '粘贴本稿全文；字数按汉字和数字计算，标点和字母不计',
        }),
        comment: commentInput('本稿说明'),
      },
      patchFields: ({ case: current, input, who, now }) => {
        const text = typeof input.text === 'string' ? input.text : '';
        if (countCharacters(text) === 0) throw validationError('请粘贴文稿正文（用于计算字数）');
        const versions = versionsOf(current.fields);
        const version: DraftVersion = { no: versions.length + 1, chars: countCharacters(text), note: input.comment ?? '', by: who.displayName, at: now.toISOString() };
        return { versions: [...versions, version], chars: version.chars };
      },
    },
    {
      action: 'submit',
      label: '送审',
      from: ['drafting'],
      to: 'reviewing',
      actor: [{ handler: true }, { roles: writers }],
      guard: ({ case: current }) => (versionsOf(current.fields).length === 0 ? '还没有保存任何文稿版本' : undefined),
      input: { comment: commentInput('送审说明') },
    },
    { action: 'approve', label: '定稿', from: ['reviewing'], to: 'final', actor: { roles: reviewers }, closes: true, input: { comment: commentInput('定稿意见') } },
    { action: 'revise', label: '退回修改', from: ['reviewing'], to: 'drafting', actor: { roles: reviewers }, input: { comment: commentInput('修改意见', { required: '「退回修改」须填写意见' }) } },
  ],
  serial: (year, seq) => `稿〔${year}〕${seq}号`,
  waitingOn: ({ case: current }) => {
    const waiting: WaitingOn = [];
    if (current.state === 'drafting' && current.handlerId) waiting.push({ userId: current.handlerId, label: '起草' });
    return waiting;
  },
  ledgerColumns: [
    { key: 'draftType', header: '类型', width: 10, value: ({ fields }) => String(fields.draftType ?? '') },
    { key: 'title', header: '标题', width: 44, show: 'title', value: ({ title }) => title },
    { key: 'forWhom', header: '为谁起草', width: 12, value: ({ fields }) => String(fields.forWhom ?? '') },
    { key: 'occasion', header: '场合', width: 24, value: ({ fields }) => String(fields.occasion ?? '') },
    { key: 'versions', header: '稿次', width: 6, value: ({ fields }) => versionsOf(fields).length },
    { key: 'chars', header: '字数', width: 8, value: ({ fields }) => Number(fields.chars ?? 0) },
    { key: 'state', header: '状态', width: 10, value: ({ stateLabel }) => stateLabel },
  ],
  metrics: ['drafts.written'],
};
