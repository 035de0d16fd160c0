/**
 * The approval chain a 发文 walks between 送审 and 签发, as pure functions over the copy of the
 * chain the case keeps (so editing a chain never moves a case in flight). Steps sharing a stage
 * run in parallel; a stage is done when each of its steps is done or does not apply.
 */
import type { ChainProgress, ChainStepProgress } from '../../../../common/documents/outgoing-flow.js';
import { type ChainStep, OutgoingFields } from '../../../../common/schemas/outgoing.js';

export type { ChainProgress, ChainStepProgress, OutgoingCaseFields, OutgoingFlowFields } from '../../../../common/documents/outgoing-flow.js';

/** Numbers the stages: a step marked parallel joins the stage of the step before it. */
export const stagesOf = (steps: readonly ChainStep[]): number[] => {
  let stage = 0;
  return steps.map((step, index) => {
    if (index > 0 && !step.parallel) stage += 1;
    return stage;
  });
};

const isOpen = (step: ChainStepProgress) => !step.skipped && !step.done;

/** The steps of the earliest stage that still has work: what the case waits on now. */
export const currentSteps = (chain: ChainProgress | null | undefined): ChainStepProgress[] => {
  if (!chain) return [];
  const open = chain.steps.filter(isOpen);
  if (open.length === 0) return [];
  const stage = Math.min(...open.map((step) => step.stage));
  return open.filter((step) => step.stage === stage);
};

/** The state that shows where the chain stands: 审核中, 会签中, 待签发, or 复核 once it is through. */
export const stateOfChain = (chain: ChainProgress | null | undefined): 'reviewing' | 'countersigning' | 'signing' | 'checking' => {
  const steps = currentSteps(chain);
  if (steps.length === 0) return 'checking';
  if (steps.some((step) => step.type === 'sign')) return 'signing';
  if (steps.some((step) => step.type === 'countersign')) return 'countersigning';
  return 'reviewing';
};

/** The review step (核稿, 审核 …) this user may approve now, if any. */
export const reviewStepFor = (chain: ChainProgress | null | undefined, userId: string): ChainStepProgress | undefined =>
  currentSteps(chain).find((step) => step.type === 'review' && step.userIds.includes(userId));

/** A copy of the chain with one step marked done. */
export const completeStep = (chain: ChainProgress, index: number, done: NonNullable<ChainStepProgress['done']>): ChainProgress => ({
  ...chain,
  steps: chain.steps.map((step) => (step.index === index ? { ...step, done } : step)),
});

/** A copy of the chain with its 签发 step open again (a substantive change after 签发 goes back to the signer). */
export const reopenSignStep = (chain: ChainProgress): ChainProgress => ({
  ...chain,
  steps: chain.steps.map((step) => (step.type === 'sign' ? { ...step, done: undefined } : step)),
});

/** Parts whose change after 签发 is substantive (条例第二十五条: 实质性修改 goes back to the signer). */
export const substantiveKeys = ['title', 'body', 'mainTo', 'attachments', 'attachmentNotes', 'docType', 'direction', 'issuerCode', 'jointIssuers'] as const;

/** JSON with object keys sorted: jsonb stores keys in its own order, so plain JSON.stringify would see changes that are not. */
const canonical = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );

/** Every drafted part that differs, substantive or not (an unchanged 修改 is no 修改 at all). */
export const changedDocumentKeys = (before: Partial<OutgoingFields>, after: Partial<OutgoingFields>): string[] =>
  (Object.keys(OutgoingFields.shape) as Array<keyof OutgoingFields>).filter((key) => canonical(before[key]) !== canonical(after[key]));

export const changedSubstance = (before: Partial<OutgoingFields>, after: Partial<OutgoingFields>): string[] =>
  substantiveKeys.filter((key) => canonical(before[key]) !== canonical(after[key]));
