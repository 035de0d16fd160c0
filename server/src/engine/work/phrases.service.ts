/** 常用意见: a user's saved phrases; everyone starts with the phrases offices use most. */
import { and, asc, count, eq } from 'drizzle-orm';
import { opinionPhrases } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound, validationError } from '../../platform/errors.js';

export const defaultPhrases = ['同意', '已阅', '同意拟办意见', '请抓紧办理，按时反馈', '请相关单位研究办理', '请按程序办理', '拟同意，请领导审定'];
const MAX_PHRASES = 50;

export type Phrase = { id: string; text: string };

export const listPhrases = async ({ db, actor }: { db: Db; actor: Actor }): Promise<Phrase[]> => {
  const rows = await db
    .select({ id: opinionPhrases.id, text: opinionPhrases.text })
    .from(opinionPhrases)
    .where(eq(opinionPhrases.userId, actor.userId))
    .orderBy(asc(opinionPhrases.sortOrder), asc(opinionPhrases.createdAt));
  if (rows.length > 0) return rows;
  // First use: the defaults become the user's own list, which they may then edit.
  return db
    .insert(opinionPhrases)
    .values(defaultPhrases.map((text, index) => ({ userId: actor.userId, text, sortOrder: index })))
    .returning({ id: opinionPhrases.id, text: opinionPhrases.text });
};

export const addPhrase = async ({ db, actor, text }: { db: Db; actor: Actor; text: string }): Promise<Phrase> => {
  await listPhrases({ db, actor });
  const [existing] = await db.select({ n: count() }).from(opinionPhrases).where(eq(opinionPhrases.userId, actor.userId));
  if (Number(existing?.n ?? 0) >= MAX_PHRASES) throw validationError(`常用意见最多 ${MAX_PHRASES} 条`);
  const [row] = await db
    .insert(opinionPhrases)
    .values({ userId: actor.userId, text, sortOrder: Number(existing?.n ?? 0) })
    .returning({ id: opinionPhrases.id, text: opinionPhrases.text });
  return row!;
};

export const removePhrase = async ({ db, actor, phraseId }: { db: Db; actor: Actor; phraseId: string }): Promise<void> => {
  const removed = await db
    .delete(opinionPhrases)
    .where(and(eq(opinionPhrases.id, phraseId), eq(opinionPhrases.userId, actor.userId)))
    .returning({ id: opinionPhrases.id });
  if (removed.length === 0) throw notFound('常用意见');
};
