/**
 * 发文 as the page reads it: the drafted fields (common/schemas/outgoing.ts) plus what the flow adds
 * (server/src/modules/outgoing/outgoing.flow.ts — the chain's progress, 签发, 文号, 分发), and the
 * small helpers the form, the sections and the 签发 screen share.
 */
import type { ChainStep, OutgoingFields } from '../../../../common/schemas/outgoing.js';
import { roles } from '../../../../common/access.js';

export type ChainStepProgress = ChainStep & {
  index: number;
  stage: number;
  userIds: string[];
  skipped: boolean;
  done?: { userId: string; name: string; byName: string; at: string; opinion: string };
};

export type ChainProgress = { id: string; chainKey: string; name: string; version: number; steps: ChainStepProgress[] };

export type SignOff = { signerId: string; signerName: string; byId: string; byName: string; onBehalf: boolean; signedOn: string; opinion: string; at: string };

export type Delivery = { name: string; unitId?: string; caseId?: string; serialNo?: string; role: 'main' | 'copy' };

/** The flow's part of the fields (mirrors OutgoingFlowFields on the server). */
export type OutgoingFlow = {
  chain?: ChainProgress | null;
  signer?: { id: string; name: string; isPrincipal: boolean } | null;
  signOff?: SignOff | null;
  submittedAt?: string;
  returned?: { reason: string; by: string; at: string } | null;
  checked?: { by: string; at: string };
  docNumber?: string | null;
  registeredOn?: string;
  printedOn?: string;
  distributedOn?: string;
  deliveries?: Delivery[];
  normativeReview?: { opinions: string[]; by: string; at: string };
  revisions?: number;
};

export type OutgoingCaseFields = OutgoingFields & OutgoingFlow;

/** A case's fields as a 发文 (the server validated them with OutgoingFields). */
export const outgoingOf = (fields: Record<string, unknown>): OutgoingCaseFields => fields as OutgoingCaseFields;

/** 「李红梅（代张明远）」 when someone signed in the signer's stead (AB角), else the signer. */
export const signedByText = (signOff: Pick<SignOff, 'signerName' | 'byName' | 'onBehalf'>): string =>
  signOff.onBehalf ? `${signOff.byName}（代${signOff.signerName}）` : signOff.signerName;

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
