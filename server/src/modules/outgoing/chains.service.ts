/**
 * 发文 approval chains: the 系统管理员 keeps one per 机关代字 / 文种 / 行文方向 (any may be left open);
 * each save is a new version, and a document sent for approval keeps a copy of the version it met.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { ChainStep, OutgoingFields, SaveChainInput } from '../../../../common/schemas/outgoing.js';
import { approvalChains, issuerCodes, userRoles, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { stagesOf, type ChainProgress, type OutgoingFlowFields } from './outgoing.flow.js';

export type ChainRow = typeof approvalChains.$inferSelect;

export const listChains = async ({ db, includeHistory }: { db: Db; includeHistory: boolean }) =>
  db
    .select({ chain: approvalChains, createdByName: users.displayName })
    .from(approvalChains)
    .innerJoin(users, eq(users.id, approvalChains.createdBy))
    .where(includeHistory ? undefined : eq(approvalChains.isActive, true))
    .orderBy(asc(approvalChains.name), desc(approvalChains.version));

/** Saves a new chain, or a new version of one (the previous version stays, inactive, for the cases that use it). */
export const saveChain = async ({ db, actor, chainKey, input, now }: { db: Db; actor: Actor; chainKey?: string; input: SaveChainInput; now: Date }): Promise<ChainRow> =>
  db.transaction(async (tx) => {
    let version = 1;
    const key = chainKey ?? randomUUID();
    if (chainKey) {
      const [live] = await tx.select().from(approvalChains).where(and(eq(approvalChains.chainKey, chainKey), eq(approvalChains.isActive, true)));
      if (!live) throw notFound('审批流程');
      if (input.baseVersion !== live.version) throw conflict('该流程已被他人修改，请刷新后重试');
      const [retired] = await tx
        .update(approvalChains)
        .set({ isActive: false })
        .where(and(eq(approvalChains.id, live.id), eq(approvalChains.isActive, true)))
        .returning({ id: approvalChains.id });
      if (!retired) throw conflict('该流程已被他人修改，请刷新后重试');
      version = live.version + 1;
    }
    const [row] = await tx
      .insert(approvalChains)
      .values({ chainKey: key, name: input.name, issuerCode: input.issuerCode, docType: input.docType, direction: input.direction, version, steps: input.steps, createdBy: actor.userId, createdAt: now })
      .returning();
    await writeAudit(tx, { actor }, { action: 'config.update', result: 'success', objectType: 'approval_chain', objectId: row!.id, objectLabel: `${row!.name} 第${version}版` });
    return row!;
  });

/** Stops a chain being used by new documents (documents in flight keep their copy). */
export const retireChain = async ({ db, actor, chainKey }: { db: Db; actor: Actor; chainKey: string }): Promise<void> =>
  db.transaction(async (tx) => {
    const [row] = await tx.update(approvalChains).set({ isActive: false }).where(and(eq(approvalChains.chainKey, chainKey), eq(approvalChains.isActive, true))).returning();
    if (!row) throw notFound('审批流程');
    await writeAudit(tx, { actor }, { action: 'config.update', result: 'success', objectType: 'approval_chain', objectId: row.id, objectLabel: `停用 ${row.name}` });
  });

/** The most specific live chain for a document: each of 代字, 文种, 方向 that matches exactly outranks "any". */
export const findChainFor = async (db: Db, fields: Pick<OutgoingFields, 'issuerCode' | 'docType' | 'direction'>): Promise<ChainRow | undefined> => {
  const live = await db.select().from(approvalChains).where(eq(approvalChains.isActive, true));
  const score = (chain: ChainRow) => {
    const parts: Array<[string | null, string]> = [
      [chain.issuerCode, fields.issuerCode],
      [chain.docType, fields.docType],
      [chain.direction, fields.direction],
    ];
    if (parts.some(([wanted, actual]) => wanted !== null && wanted !== actual)) return -1;
    return parts.reduce((sum, [wanted], index) => sum + (wanted === null ? 0 : 4 >> index), 0);
  };
  return live
    .map((chain) => ({ chain, score: score(chain) }))
    .filter((candidate) => candidate.score >= 0)
    .sort((a, b) => b.score - a.score || a.chain.name.localeCompare(b.chain.name))[0]?.chain;
};

const activeUsersWithRoles = async (db: Db, roles: readonly string[]): Promise<Array<{ id: string; name: string; role: string }>> =>
  roles.length === 0
    ? []
    : db
        .select({ id: users.id, name: users.displayName, role: userRoles.role })
        .from(users)
        .innerJoin(userRoles, eq(userRoles.userId, users.id))
        .where(and(inArray(userRoles.role, roles as never[]), eq(users.isActive, true)));

/**
 * 送审: the chain the document will walk, with the people of each step, and the signer checked
 * against the rule that the 主要负责人 signs 上行文 and 重要 documents (条例第二十二条).
 */
export const startChain = async ({ db, fields }: { db: Db; fields: OutgoingFields }): Promise<Pick<OutgoingFlowFields, 'chain' | 'signer'>> => {
  const [issuer] = await db.select().from(issuerCodes).where(eq(issuerCodes.code, fields.issuerCode));
  if (!issuer || !issuer.isActive) throw validationError(`机关代字「${fields.issuerCode}」不存在或已停用`);
  const chain = await findChainFor(db, fields);
  if (!chain) throw validationError(`没有适用于 ${fields.issuerCode} ${fields.docType}（${fields.direction}）的审批流程，请系统管理员配置`);
  const steps = chain.steps as ChainStep[];
  const signStep = steps.find((step) => step.type === 'sign')!;
  if (!fields.signerId) throw validationError('请选择签发人');
  const signers = await activeUsersWithRoles(db, signStep.roles);
  const signer = signers.find((candidate) => candidate.id === fields.signerId);
  if (!signer) throw validationError(`签发人须是在职的${signStep.label}人员（${signStep.roles.join('、')}）`);
  const needsPrincipal = fields.direction === '上行文' || fields.important;
  if (needsPrincipal) {
    if (!issuer.principalId) throw validationError(`${fields.issuerCode} 未设置主要负责人，上行文和重要公文无法送签，请系统管理员设置`);
    if (issuer.principalId !== signer.id) {
      const [principal] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, issuer.principalId));
      throw validationError(`上行文和重要公文须由主要负责人${principal ? `（${principal.name}）` : ''}签发（《党政机关公文处理工作条例》第二十二条）`);
    }
  }
  const stages = stagesOf(steps);
  const progress: ChainProgress = { id: chain.id, chainKey: chain.chainKey, name: chain.name, version: chain.version, steps: [] };
  for (const [index, step] of steps.entries()) {
    const skipped = (step.onlyNormative && !fields.normative) || (step.type === 'countersign' && fields.countersignUnitIds.length === 0);
    let userIds: string[] = [];
    if (step.type === 'sign') userIds = [signer.id];
    else if (step.type === 'review' && !skipped) {
      userIds = [...new Set((await activeUsersWithRoles(db, step.roles)).map((user) => user.id))];
      if (userIds.length === 0) throw validationError(`「${step.label}」没有在职人员（${step.roles.join('、')}），请系统管理员调整审批流程`);
    }
    progress.steps.push({ ...step, index, stage: stages[index]!, userIds, skipped });
  }
  return { chain: progress, signer: { id: signer.id, name: signer.name, isPrincipal: issuer.principalId === signer.id } };
};
