/**
 * The deputy's 征询意见表 by a one-time link that needs no account: the office sends a link for the round
 * once the answers are confirmed (办复); the deputy opens it on a phone, sees the item and its answer —
 * nothing else — and rates 办理态度, 是否针对所提问题 and 办理结果. The token is 32 random bytes; only its
 * SM3 hash is stored; a link works once, for its own item and round, until it expires, and a new link
 * revokes the old. The answer goes onto the case in one transaction with its trail event and 待办.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { bodyLabels, overallRating, SurveyAnswer, surveyAnswerLabels, type SurveyView } from '../../../../common/schemas/proposal.js';
import { assignments, cases, proposalSurveys } from '../../db/schema/index.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { identitiesOf } from '../../engine/cases/access.js';
import { claimCaseVersion, findVisibleCase, replaceWorkItems, unitNames } from '../../engine/cases/cases.repository.js';
import { appendEvent } from '../../engine/cases/trail.js';
import { getKind } from '../../engine/kinds/registry.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict, invalidInput, invalidState, notFound, validationError } from '../../platform/errors.js';
import { forgetCachedCounts } from '../../platform/count-cache.js';
import { sm3 } from '../../platform/seal.js';
import { readProposalFields } from './proposal.fields.js';
import { classOf } from './proposal.rules.js';
import { assertProposalOffice, KIND } from './proposal.service.js';

/** How long a link stays valid: the deputy answers within a month of the answer (the 征询意见表's usual return time). */
export const SURVEY_LINK_DAYS = 30;
/** Who the trail names for an answer that came through the link (no account: the deputy is not a user). */
const SURVEY_ACTOR_ID = '00000000-0000-0000-0000-000000000000';
const SURVEY_ACTOR_NAME = '代表（委员）本人（征询意见表链接）';

const hashOf = (token: string) => sm3(`proposal-survey:${token}`);
/** Any refusal of a link reads the same: an outsider learns nothing from trying tokens. */
const invalidLink = () => notFound('征询意见表链接无效、已使用或已过期');
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

/** The office sends the link for the item's current round (a new link revokes any unused one). Returns the token once. */
export const issueSurveyLink = async ({ db, actor, caseId, now }: { db: Db; actor: Actor; caseId: string; now: Date }): Promise<{ token: string; path: string; expiresAt: string; round: number }> => {
  assertProposalOffice(actor);
  const found = await findVisibleCase(db, await identitiesOf({ db, actor, today: todayInShanghai(now) }), caseId);
  if (!found || found.kind !== KIND) throw notFound('建议提案');
  if (found.state !== 'answered') throw invalidState('办复后才能发送征询意见表');
  const fields = readProposalFields(found.fields);
  if (fields.surveys.some((survey) => survey.round === fields.round)) throw invalidState('本轮征询意见表已经返回');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SURVEY_LINK_DAYS * 86_400_000);
  await db.transaction(async (tx) => {
    await tx.update(proposalSurveys).set({ revokedAt: now }).where(and(eq(proposalSurveys.caseId, caseId), isNull(proposalSurveys.usedAt), isNull(proposalSurveys.revokedAt)));
    await tx.insert(proposalSurveys).values({ caseId, round: fields.round, tokenHash: hashOf(token), expiresAt, createdBy: actor.userId, createdAt: now });
    await writeAudit(tx, { actor }, { action: 'proposal.survey_link', result: 'success', objectType: 'case', objectId: caseId, objectLabel: found.serialNo, details: { round: fields.round, expiresAt: expiresAt.toISOString() } });
  });
  return { token, path: `/survey/${token}`, expiresAt: expiresAt.toISOString(), round: fields.round };
};

const liveLink = async (db: Db, token: string, now: Date) => {
  if (!TOKEN_FORMAT.test(token)) throw invalidLink();
  const [link] = await db
    .select()
    .from(proposalSurveys)
    .where(and(eq(proposalSurveys.tokenHash, hashOf(token)), isNull(proposalSurveys.usedAt), isNull(proposalSurveys.revokedAt), gt(proposalSurveys.expiresAt, now)));
  if (!link) throw invalidLink();
  return link;
};

/** What the deputy sees: the item (its number and title) and the answers of the round — no names, no other item. */
export const readSurvey = async ({ db, token, now }: { db: Db; token: string; now: Date }): Promise<SurveyView> => {
  const link = await liveLink(db, token, now);
  const [row] = await db.select({ fields: cases.fields, title: cases.title, state: cases.state }).from(cases).where(eq(cases.id, link.caseId));
  if (!row || row.state !== 'answered') throw invalidLink();
  const fields = readProposalFields(row.fields);
  const answers = fields.answers.filter((answer) => answer.round === link.round);
  return {
    bodyLabel: bodyLabels[fields.body],
    number: fields.number,
    title: row.title,
    round: link.round,
    unitNames: answers.map((answer) => answer.unitName),
    answerClass: classOf({ answers, round: link.round }),
    answerText: answers.map((answer) => answer.text).join('\n\n') || null,
    expiresAt: link.expiresAt.toISOString(),
  };
};

/**
 * The deputy's answer: the link is spent and the answer put on the case in one transaction — the case's
 * version claimed (a concurrent change is a 409, the link stays unused), the trail event, the office's 待办
 * (办结, or 重新办理 after 不满意), the audit row. A second use of the link is refused like an unknown one.
 */
export const submitSurvey = async ({ db, token, input, ip, now }: { db: Db; token: string; input: unknown; ip: string | null; now: Date }): Promise<{ overall: string }> => {
  const parsed = SurveyAnswer.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues, { labels: surveyAnswerLabels });
  const answer = parsed.data;
  const overall = overallRating(answer);
  const today = todayInShanghai(now);
  if (!TOKEN_FORMAT.test(token)) throw invalidLink();
  await db.transaction(async (tx) => {
    // Spending the link first: of two submissions racing on one link, the second finds it used.
    const [link] = await tx
      .update(proposalSurveys)
      .set({ usedAt: now, answer: { ...answer, overall } })
      .where(and(eq(proposalSurveys.tokenHash, hashOf(token)), isNull(proposalSurveys.usedAt), isNull(proposalSurveys.revokedAt), gt(proposalSurveys.expiresAt, now)))
      .returning();
    if (!link) throw invalidLink();
    const [row] = await tx.select().from(cases).where(eq(cases.id, link.caseId)).for('update');
    if (!row || row.kind !== KIND || row.state !== 'answered') throw invalidLink();
    const fields = readProposalFields(row.fields);
    if (fields.round !== link.round) throw invalidLink();
    const survey = { round: link.round, on: today, attitude: answer.attitude, onPoint: answer.onPoint, result: answer.result, overall, ...(answer.comment ? { comment: answer.comment } : {}) };
    const claimed = await claimCaseVersion(tx, { caseId: row.id, version: row.version, set: { fields: { ...row.fields, surveys: [...fields.surveys, survey] }, updatedAt: now } });
    if (!claimed) throw conflict();
    const kind = getKind(KIND);
    const given = await tx.select().from(assignments).where(and(eq(assignments.caseId, row.id), inArray(assignments.state, ['pending', 'in_progress', 'replied'])));
    const view = { id: claimed.id, kind: claimed.kind, serialNo: claimed.serialNo, title: claimed.title, state: claimed.state, fields: claimed.fields, ownerUnitId: claimed.ownerUnitId, handlerId: claimed.handlerId, createdBy: claimed.createdBy, version: claimed.version };
    const views = given.map((a) => ({ id: a.id, unitId: a.unitId, role: a.role, state: a.state, dueDate: a.dueDate, reply: a.reply, replyAccepted: a.acceptedAt !== null }));
    await replaceWorkItems(tx, row.id, kind.waitingOn({ case: view, assignments: views }), now);
    await appendEvent(tx, { caseId: row.id, at: now, actorId: SURVEY_ACTOR_ID, actorName: SURVEY_ACTOR_NAME, action: 'survey', fromState: row.state, toState: row.state, comment: answer.comment ?? null, data: { survey } });
    await writeAudit(tx, { actorId: null, actorName: 'proposal-survey', ip }, { action: 'proposal.survey', result: 'success', objectType: 'case', objectId: row.id, objectLabel: row.serialNo, details: { round: link.round, overall } });
  });
  forgetCachedCounts();
  return { overall };
};

/** The unit names of a case's lead assignments (for the office's page of links). */
export const leadUnitNamesOf = async (db: Db, caseId: string) => {
  const rows = await db.select({ unitId: assignments.unitId }).from(assignments).where(and(eq(assignments.caseId, caseId), eq(assignments.role, 'lead')));
  return [...(await unitNames(db, rows.map((row) => row.unitId))).values()];
};
