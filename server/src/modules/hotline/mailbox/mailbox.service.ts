/**
 * 市长信箱 use cases for citizens with no account: issueMailboxChallenge (the proof-of-work), writeLetter
 * (the letter becomes a 12345 工单 of channel 市长信箱 through the engine's createCase, the one way tickets
 * are registered, in one transaction with its trail, the letter row and the audit row) and readLetter
 * (the query code: the state in plain words and the reply only once the center has made it public).
 */
import { randomInt } from 'node:crypto';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { MailboxLetter, mailboxLetterLabels, type MailboxReceipt, type MailboxStatus } from '../../../../../common/schemas/mailbox.js';
import { assignments, cases, mailboxLetters } from '../../../db/schema/index.js';
import { todayInShanghai } from '../../../engine/calendar/calendar.js';
import { createCase } from '../../../engine/cases/create-case.js';
import { writeAudit } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db.js';
import { invalidInput, notFound, validationError } from '../../../platform/errors.js';
import { sm3 } from '../../../platform/seal.js';
import { centerIntakeActor } from '../hotline.intake.js';
import { challengeHashOf, checkProofOfWork, issueChallenge } from './mailbox.pow.js';

export const MAILBOX_CHANNEL = '市长信箱';
const WRITER_NAME = '市长信箱（群众来信）';
/** Unambiguous letters and digits (no 0/O, 1/I); 16 of them are 80 random bits. */
const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CODE_LENGTH = 16;

const queryHashOf = (code: string) => sm3(`mailbox-query:${code}`);
/** The code as the writer may type it back: any case, with or without the dashes. */
const normalizeCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');
const newQueryCode = () => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
const shownCode = (code: string) => code.match(/.{4}/g)!.join('-');

export const issueMailboxChallenge = ({ now }: { now: Date }) => issueChallenge({ now });

/** Any refusal of the proof-of-work reads the same, and nothing is written. */
const refusedWork = () => validationError('安全验证未通过或已过期，请刷新页面后重新提交');

export const writeLetter = async ({ db, input, ip, now }: { db: Db; input: unknown; ip: string | null; now: Date }): Promise<MailboxReceipt> => {
  const parsed = MailboxLetter.safeParse(input);
  // The route's schema words a body it refuses the same way; this is for a caller past it (a test, a script).
  if (!parsed.success) throw invalidInput(parsed.error.issues, { labels: mailboxLetterLabels });
  const letter = parsed.data;
  if (checkProofOfWork({ challenge: letter.challenge, nonce: letter.nonce, now })) throw refusedWork();
  const challengeHash = challengeHashOf(letter.challenge);
  const actor = await centerIntakeActor(db, { username: 'mayor-mailbox', displayName: WRITER_NAME, ip });
  const code = newQueryCode();
  await db.transaction(async (tx) => {
    // Checked first for a clear refusal; the unique column settles two letters racing on one challenge (409).
    const [spent] = await tx.select({ id: mailboxLetters.id }).from(mailboxLetters).where(eq(mailboxLetters.challengeHash, challengeHash));
    if (spent) throw refusedWork();
    const created = await createCase({
      db: tx,
      actor,
      kindId: 'ticket',
      fields: {
        channel: MAILBOX_CHANNEL,
        ticketType: letter.ticketType,
        category: letter.category,
        callerName: letter.name,
        callerPhone: letter.phone,
        subject: letter.subject,
        content: letter.content,
        mayPublish: letter.mayPublish,
        urgency: '一般',
      },
      now,
    });
    await tx.insert(mailboxLetters).values({ caseId: created.id, queryHash: queryHashOf(code), challengeHash, createdAt: now });
    await writeAudit(tx, { actorId: null, actorName: 'mayor-mailbox', ip }, { action: 'mailbox.letter', result: 'success', objectType: 'case', objectId: created.id, objectLabel: created.serialNo, details: { mayPublish: letter.mayPublish } });
  });
  return { queryCode: shownCode(code), receivedAt: now.toISOString() };
};

/** The ticket's states as a citizen reads them. */
const plainStatus: Record<string, string> = {
  registered: '已收到，正在分派承办单位',
  handling: '承办单位正在办理',
  replied: '承办单位已答复，正在回访',
  closed: '已办结',
  answered_on_spot: '已办结',
  merged: '已与同一事项的来信合并办理',
};
/** A merged letter is finished when its main ticket is: once that answer was carried to it. */
const MERGED_ANSWERED = '已与同一事项的来信合并办理，已办结';

/** The answer the writer may read: a merged letter's main ticket's, the on-the-spot answer, else the latest reply of the unit that handled it. */
const replyOf = async (db: Db, caseId: string, fields: Record<string, unknown>) => {
  const merged = fields.mergedAnswer as { text?: unknown } | undefined;
  if (typeof merged?.text === 'string') return merged.text;
  if (typeof fields.directAnswer === 'string') return fields.directAnswer;
  const [latest] = await db
    .select({ reply: assignments.reply })
    .from(assignments)
    .where(and(eq(assignments.caseId, caseId), eq(assignments.role, 'lead'), isNotNull(assignments.reply)))
    .orderBy(desc(assignments.repliedAt))
    .limit(1);
  return latest?.reply ?? null;
};

/** What a query code shows; an unknown code is a 404 that says nothing more. */
export const readLetter = async ({ db, code }: { db: Db; code: string }): Promise<MailboxStatus> => {
  const normalized = normalizeCode(code);
  if (normalized.length !== CODE_LENGTH) throw notFound('查询码对应的来信');
  const [row] = await db
    .select({ id: cases.id, state: cases.state, fields: cases.fields, isClosed: cases.isClosed, receivedAt: mailboxLetters.createdAt })
    .from(mailboxLetters)
    .innerJoin(cases, eq(cases.id, mailboxLetters.caseId))
    .where(eq(mailboxLetters.queryHash, queryHashOf(normalized)));
  if (!row) throw notFound('查询码对应的来信');
  const published = row.fields.replyPublic as { at: string } | undefined;
  const text = published ? await replyOf(db, row.id, row.fields) : null;
  const isMerged = row.state === 'merged';
  const mergedAnswered = isMerged && row.fields.mergedAnswer !== undefined;
  return {
    // As the row holds it, numbers masked (personalText): the code is a bearer secret, not a login — whoever holds it
    // learns no more of the writer than the center's readers do; the writer knows what they wrote.
    subject: String(row.fields.subject ?? ''),
    receivedOn: todayInShanghai(row.receivedAt),
    status: mergedAnswered ? MERGED_ANSWERED : (plainStatus[row.state] ?? '正在办理'),
    // Merged away, the letter is closed on the center's side, but not finished for its writer until the answer comes.
    isFinished: isMerged ? mergedAnswered : row.isClosed,
    reply: published && text ? { text, on: todayInShanghai(new Date(published.at)) } : null,
  };
};
