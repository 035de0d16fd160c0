/**
 * 收文 as the server declares it (server/src/modules/incoming/incoming.fields.ts): the choices of the
 * registration form, and the parts the flow adds (拟办意见, 批示 plan, 退回理由, 请示答复).
 */

/** The 15 文种 of 《党政机关公文处理工作条例》第八条. */
export const documentTypes = ['决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要'] as const;
export const urgencies = ['特急', '加急', '平急'] as const;
export const disclosureOptions = ['主动公开', '依申请公开', '不予公开'] as const;

export type DocumentType = (typeof documentTypes)[number];
export type Urgency = (typeof urgencies)[number];
export type Disclosure = (typeof disclosureOptions)[number];

export const urgencyColors: Record<string, string | undefined> = { 特急: 'red', 加急: 'orange', 平急: undefined };

/** Shown beside 密级: classified documents never enter this system. */
export const secrecyNote = '涉密公文不得在本系统登记和处理，请按保密规定通过机要渠道线下办理';

export type LeaderStep = { userId: string; name: string; instructedAt?: string; comment?: string };
export type InstructionPlan = { mode: 'sequential' | 'parallel'; leaders: LeaderStep[] };
export type Opinion = { text: string; by: string; at: string };

export type IncomingFlow = {
  proposal?: Opinion | null;
  plan?: InstructionPlan | null;
  returnReason?: string | null;
  requestReply?: Opinion | null;
  isRequestFromBelow?: boolean;
  replyDueDays?: number;
};

export const flowOf = (fields: Record<string, unknown>): IncomingFlow => fields as IncomingFlow;

/** The leaders whose 批示 is awaited now: the first pending one in order, or every pending one together. */
export const awaitedLeaders = (plan: InstructionPlan | null | undefined): string[] => {
  if (!plan) return [];
  const pending = plan.leaders.filter((leader) => !leader.instructedAt);
  return (plan.mode === 'sequential' ? pending.slice(0, 1) : pending).map((leader) => leader.userId);
};

export const leaderModeLabels = { sequential: '依次批示', parallel: '同时批示' } as const;
