/**
 * 督查督办 vocabulary both sides use: where an item comes from, how often its units report (调度), the
 * 立项 input, the list query and the item as the 督查室 page shows it (with its light).
 */
import { z } from 'zod';
import { isoDate, safeLine, safeText, TITLE_MAX_LENGTH } from './primitives.js';

/** 立项来源: one 督办 object whatever the source; the source's own case (a 批示件) is kept as a 派生自 link. */
export const supervisionSources = ['领导批示', '会议议定事项', '重点工作', '上级交办', '建议提案', '12345线索', '民生实事', '其他'] as const;
export const SupervisionSource = z.enum(supervisionSources, '请选择立项来源');
export type SupervisionSource = z.infer<typeof SupervisionSource>;

/** 调度: how often the lead unit reports progress — each period's report has its own clock. */
export const reportCycleLabels = { weekly: '每周调度', monthly: '每月调度', milestone: '按节点调度' } as const;
export const ReportCycle = z.enum(['weekly', 'monthly', 'milestone'], '请选择调度方式');
export type ReportCycle = z.infer<typeof ReportCycle>;

/** 绿灯 on track, 黄灯 behind (a report missing, a node late), 红灯 seriously behind or past the deadline; 已销号 done. */
export const SupervisionLight = z.enum(['green', 'yellow', 'red', 'done']);
export type SupervisionLight = z.infer<typeof SupervisionLight>;
export const lightLabels: Record<SupervisionLight, string> = { green: '绿灯', yellow: '黄灯', red: '红灯', done: '已销号' };

export const MAX_MILESTONES = 24;

export const MilestoneInput = z.object({
  label: safeLine().trim().min(1, '请填写节点内容').max(100, '节点内容不超过 100 字'),
  due: isoDate('节点时间应为实际存在的日期，格式 YYYY-MM-DD'),
});

/** 民生实事: a numeric target and its measure (新建 12 所幼儿园: 12, 所). */
export const LivelihoodInput = z.object({
  target: z.number().positive('目标数量须大于 0').max(1e9),
  measure: safeLine().trim().min(1, '请填写计量单位').max(10, '计量单位不超过 10 字'),
});

const uuid = z.string().uuid('编号格式不正确');

/** Where a 重点工作 item sits in its 分工方案: the plan's year, its 类别 (「一、……」), the 重点工作 and its 牵头领导 as written. */
export const PlanPlace = z.object({
  year: z.number().int().min(2000).max(2100),
  category: safeLine().trim().max(200).optional(),
  task: safeText().trim().min(1).max(500),
  leader: safeLine().trim().max(30).optional(),
});
export type PlanPlace = z.infer<typeof PlanPlace>;

/** 立项: what createSupervisionItem takes (the lead's 分工方案 import builds the same object). */
export const CreateSupervisionInput = z
  .object({
    source: SupervisionSource,
    /** The 批示件 this item is derived from (派生自), when the source is one. */
    sourceCaseId: uuid.optional(),
    title: safeLine().trim().min(2, '请填写督办事项').max(TITLE_MAX_LENGTH, `不超过 ${TITLE_MAX_LENGTH} 字`),
    measures: safeText().trim().min(2, '请填写具体措施或目标').max(4000, '不超过 4000 字'),
    leadUnitId: uuid,
    helperUnitIds: z.array(uuid).max(30, '责任单位最多 30 个').default([]),
    leaderId: uuid.optional(),
    openedOn: isoDate('立项日期应为实际存在的日期，格式 YYYY-MM-DD'),
    /** 完成时限; none when the item is ongoing (长期坚持). */
    deadline: isoDate('完成时限应为实际存在的日期，格式 YYYY-MM-DD').optional(),
    isOngoing: z.boolean().default(false),
    reportCycle: ReportCycle.default('monthly'),
    milestones: z.array(MilestoneInput).max(MAX_MILESTONES, `时间节点最多 ${MAX_MILESTONES} 个`).default([]),
    livelihood: LivelihoodInput.optional(),
    /** Set by the 分工方案 import: counted by keyTasks.decomposed. */
    plan: PlanPlace.optional(),
  })
  .superRefine((value, context) => {
    if (!value.isOngoing && !value.deadline) context.addIssue({ code: 'custom', path: ['deadline'], message: '请填写完成时限，或标为长期坚持' });
    if (value.deadline && value.deadline < value.openedOn) context.addIssue({ code: 'custom', path: ['deadline'], message: '完成时限不能早于立项日期' });
    for (const [index, milestone] of value.milestones.entries()) {
      if (milestone.due < value.openedOn) context.addIssue({ code: 'custom', path: ['milestones', index, 'due'], message: '节点时间不能早于立项日期' });
      if (value.deadline && milestone.due > value.deadline) context.addIssue({ code: 'custom', path: ['milestones', index, 'due'], message: '节点时间不能晚于完成时限' });
    }
    if (value.helperUnitIds.includes(value.leadUnitId)) context.addIssue({ code: 'custom', path: ['helperUnitIds'], message: '牵头单位不必再列为责任单位' });
    if (new Set(value.helperUnitIds).size !== value.helperUnitIds.length) context.addIssue({ code: 'custom', path: ['helperUnitIds'], message: '责任单位重复' });
    if (value.source === '民生实事' && !value.livelihood) context.addIssue({ code: 'custom', path: ['livelihood'], message: '民生实事须填写目标数量和计量单位' });
    if (value.reportCycle === 'milestone' && value.milestones.length === 0) context.addIssue({ code: 'custom', path: ['milestones'], message: '按节点调度须至少填写一个时间节点' });
  });
export type CreateSupervisionInput = z.input<typeof CreateSupervisionInput>;

/** The items a reader may see: opened within [from, to], optionally of one light. */
export const SupervisionQuery = z.object({
  from: isoDate().optional(),
  to: isoDate().optional(),
  light: SupervisionLight.optional(),
  source: SupervisionSource.optional(),
});
export type SupervisionQuery = z.infer<typeof SupervisionQuery>;

export const LivelihoodOutcomeView = z.object({
  target: z.number(),
  measure: z.string(),
  actual: z.number(),
  percent: z.number(),
  isOverTarget: z.boolean(),
  completedOn: z.string().nullable(),
  monthsEarly: z.number().int(),
});
export type LivelihoodOutcomeView = z.infer<typeof LivelihoodOutcomeView>;

export const SupervisionItemView = z.object({
  id: z.string(),
  serialNo: z.string(),
  title: z.string(),
  source: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  leadUnitName: z.string(),
  helperUnitNames: z.array(z.string()),
  leaderName: z.string().nullable(),
  openedOn: z.string(),
  deadline: z.string().nullable(),
  isOngoing: z.boolean(),
  reportCycle: ReportCycle,
  milestonesDone: z.number().int(),
  milestonesTotal: z.number().int(),
  light: SupervisionLight,
  reasons: z.array(z.string()),
  nextDue: z.string().nullable(),
  livelihood: LivelihoodOutcomeView.nullable(),
});
export type SupervisionItemView = z.infer<typeof SupervisionItemView>;

