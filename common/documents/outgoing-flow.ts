/**
 * What the 发文 flow adds to the drafted fields (common/schemas/outgoing.ts): the copy of the
 * approval chain the case walks, the signature, the 文号 and the deliveries. The server writes
 * them (server/src/modules/outgoing/outgoing.kind.ts); the web reads them.
 */
import type { ChainStep, OutgoingFields } from '../schemas/outgoing.js';

export type ChainStepProgress = ChainStep & {
  index: number;
  stage: number;
  /** Who may act on the step: users holding its roles when the case was sent (the chosen signer for 签发). */
  userIds: string[];
  /** Does not apply to this document (a 规范性文件-only step, or 会签 with no units chosen). */
  skipped: boolean;
  done?: { userId: string; name: string; byName: string; at: string; opinion: string } | undefined;
};

export type ChainProgress = { id: string; chainKey: string; name: string; version: number; steps: ChainStepProgress[] };

export type SignOff = { signerId: string; signerName: string; byId: string; byName: string; onBehalf: boolean; signedOn: string; opinion: string; at: string };

export type Delivery = { name: string; unitId?: string; caseId?: string; serialNo?: string; role: 'main' | 'copy' };

export type OutgoingFlowFields = {
  chain?: ChainProgress | null;
  signer?: { id: string; name: string; isPrincipal: boolean } | null;
  signOff?: SignOff | null;
  submittedAt?: string;
  /** 成文日期 was not set by the drafter: 签发 filled it in with its own date. */
  writtenOnFromSignOff?: boolean;
  returned?: { reason: string; by: string; at: string } | null;
  checked?: { by: string; at: string };
  docNumber?: string | null;
  registeredOn?: string;
  printedOn?: string;
  distributedOn?: string;
  deliveries?: Delivery[];
  /** A 纪要's 议定事项 opened as 督办 items at 核发 (index into decisions). */
  decisionItems?: Array<{ index: number; caseId: string; serialNo: string }>;
  normativeReview?: { opinions: string[]; by: string; at: string };
  revisions?: number;
};

export type OutgoingCaseFields = OutgoingFields & OutgoingFlowFields;

/** 「李红梅（代张明远）」 when someone signed in the signer's stead (AB角), else the signer. */
export const signedByText = (signOff: Pick<SignOff, 'signerName' | 'byName' | 'onBehalf'>): string =>
  signOff.onBehalf ? `${signOff.byName}（代${signOff.signerName}）` : signOff.signerName;
