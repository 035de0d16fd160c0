/**
 * Inputs many kinds declare the same way, and the ones the engine's effects read: 交办 reads `units`,
 * 答复 `reply` and `attachments`, 退回 `reason`, 审核 `satisfaction`, 延期 `extension`. A kind may
 * relabel them (会签单位, 会签意见); the registry checks an effect's inputs are declared.
 */
import { assignmentRoleLabels, satisfactionLabels } from '../../../../common/schemas/cases.js';
import { type ActionForm, files, group, longText, number, rating, unitAssignments } from './fields.js';

/** An opinion that may be left empty (初审意见, 办结意见); `required` for one that may not (拟办意见). */
export const commentInput = (label = '意见', options: { required?: boolean | string; phrases?: readonly string[]; placeholder?: string } = {}) =>
  longText({ label, max: 4000, rows: 3, ...options });

/** Why a step goes back (退回, 撤销): always asked. */
export const reasonInput = (label = '理由') => longText({ label, required: `请填写${label}`, max: 2000, rows: 3 });

/** 交办: the units and their roles (主办/协办/会办 unless a kind names others, e.g. only 会签). */
export const unitsInput = ({ label = '承办单位', roles = assignmentRoleLabels }: { label?: string; roles?: Record<string, string> } = {}) =>
  unitAssignments({ label, required: `请至少选择一个${label}`, roles });

/** A unit's answer: the text (答复内容, 会签意见) and, where asked, files. */
export const replyInputs = ({ label = '答复内容', phrases, withFiles = true }: { label?: string; phrases?: readonly string[]; withFiles?: boolean } = {}): ActionForm => ({
  reply: longText({ label, required: `请填写${label}`, max: 20000, rows: 6, ...(phrases ? { phrases } : {}) }),
  ...(withFiles ? { attachments: files({ label: '附件', help: '单个文件不超过 20 MB，最多 20 个', max: 20 }) } : {}),
});

/** The requester's view of a reply (满意 / 基本满意 / 不满意). */
export const satisfactionInput = (label = '评价') => rating({ label, scale: satisfactionLabels, defaultValue: 'satisfied' });

/** 延期: how many days more (工作日, or 日 where the clock counts calendar days), and why (the deadline rule caps both). */
export const extensionInput = (unit: '工作日' | '日' = '工作日') =>
  group({ label: '延期', required: '请填写延期天数和理由' }, {
    amount: number({ label: `延期（${unit}）`, required: '请填写延期天数', min: 1, max: 365, unit }),
    reason: longText({ label: '延期理由', required: true, max: 500, rows: 2 }),
  });

/** 回访: one rating per dimension the kind declares (态度, 结果 …), each on the 满意 scale, and what was said. */
export const revisitInputs = (dimensions: Readonly<Record<string, string>>): ActionForm => ({
  ratings: group(
    { label: '回访评价', required: '请填写回访评价' },
    Object.fromEntries(Object.entries(dimensions).map(([key, label]) => [key, rating({ label, scale: satisfactionLabels, required: `请选择${label}评价` })])),
  ),
  comment: commentInput('回访情况'),
});

/** Inputs each effect reads, by name and widget: a kind that declares an effect must declare these. */
export const effectInputs: Record<string, Record<string, string>> = {
  assign: { units: 'unitAssignments' },
  reply: { reply: 'longText' },
  unit_return: { reason: 'longText' },
  reject_reply: { reason: 'longText' },
  extend: { extension: 'group' },
  recall: { reason: 'longText' },
  reassign: { unitId: 'unitPicker', reason: 'longText' },
  ask_extension: { extension: 'group' },
  refuse_extension: { reason: 'longText' },
};
