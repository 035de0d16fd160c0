/**
 * 发文 as the page reads it: the drafted fields (common/schemas/outgoing.ts) plus what the flow adds
 * (common/documents/outgoing-flow.ts — the chain's progress, 签发, 文号, 分发), and the
 * small helpers the form, the sections and the 签发 screen share.
 */
import type { ChainProgress, ChainStepProgress, OutgoingCaseFields } from '../../../../common/documents/outgoing-flow.js';
import type { ChainStep, OutgoingFields } from '../../../../common/schemas/outgoing.js';

export { signedByText } from '../../../../common/documents/outgoing-flow.js';
export type { ChainProgress, ChainStepProgress, Delivery, OutgoingCaseFields, SignOff } from '../../../../common/documents/outgoing-flow.js';
import { roles } from '../../../../common/access.js';

/** A case's fields as a 发文 (the server validated them with OutgoingFields). */
export const outgoingOf = (fields: Record<string, unknown>): OutgoingCaseFields => fields as OutgoingCaseFields;

/** Who acted on a chain step, with 代 when it was someone standing in. */
export const doneByText = (done: NonNullable<ChainStepProgress['done']>): string =>
  done.byName && done.byName !== done.name ? `${done.byName}（代${done.name}）` : done.name;

/** The roles of a step in words: 办公室主任、政府领导. */
export const rolesText = (stepRoles: readonly ChainStep['roles'][number][]): string =>
  stepRoles.map((role) => roles[role]?.label ?? role).join('、');

export const stepTypeLabels: Record<ChainStep['type'], string> = { review: '审核', countersign: '会签', sign: '签发' };

/** Steps grouped by stage, in order: the steps of one stage run side by side. */
export const stagesOf = (chain: ChainProgress): ChainStepProgress[][] => {
  const stages = new Map<number, ChainStepProgress[]>();
  for (const step of chain.steps) stages.set(step.stage, [...(stages.get(step.stage) ?? []), step]);
  return [...stages.entries()].sort(([a], [b]) => a - b).map(([, steps]) => steps);
};

/** The earliest stage with an open step: what the document waits on now. */
export const currentStage = (chain: ChainProgress | null | undefined): number | undefined => {
  const open = chain?.steps.filter((step) => !step.skipped && !step.done) ?? [];
  return open.length ? Math.min(...open.map((step) => step.stage)) : undefined;
};

/** Typical direction of a 文种 (the format check warns when it differs); the form pre-selects it. */
export const usualDirection: Partial<Record<string, OutgoingFields['direction']>> = {
  请示: '上行文',
  报告: '上行文',
  议案: '上行文',
  批复: '下行文',
  命令: '下行文',
  决定: '下行文',
  通知: '下行文',
  通报: '下行文',
  意见: '下行文',
  函: '平行文',
};

/** Organs a 发文 often goes to outside the unit tree; offered in 主送 and 抄送 besides the units. */
export const commonOrgans = ['省人民政府', '省人民政府办公厅', '各区（县）人民政府', '市政府各部门', '市委办公室', '市人大常委会办公室', '市政协办公室'];
