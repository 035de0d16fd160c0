/**
 * 知识库 search: the answers valid today that match what the agent has typed — the words of it (the office's
 * jieba dictionary, platform/search) in the question or the answer — those of the chosen category first.
 */
import { sql } from 'drizzle-orm';
import type { KnowledgeAnswer } from '../../../../common/schemas/hotline.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { segmentWords } from '../../platform/search.js';
import { ANSWER_RECORD } from './hotline.records.js';

const MAX_WORDS = 12;

/** How callers ask, not what about: matching on these would offer every answer phrased as a question. */
const askingWords = new Set(['怎么', '怎样', '如何', '什么', '为什么', '哪里', '哪些', '多少', '是否', '可以', '能否', '一下', '我想', '请问', '问一下', '想问', '咨询', '反映', '你好', '您好']);

export const searchAnswers = async ({ db, q, category, today }: { db: Db; q: string; category?: string | undefined; today: string }): Promise<KnowledgeAnswer[]> => {
  // Single characters match almost anything: only words of two or more count.
  const words = segmentWords(q).filter((word) => word.length >= 2 && !askingWords.has(word)).slice(0, MAX_WORDS);
  if (words.length === 0 && !category) return [];
  const like = (word: string) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const matches = words.map((word) => sql`(case when r.fields->>'question' like ${like(word)} or r.fields->>'answer' like ${like(word)} then 1 else 0 end)`);
  const score = matches.length ? sql.join(matches, sql` + `) : sql`0`;
  const sameCategory = category ? sql`(r.fields->>'category' = ${category})` : sql`false`;
  const rows = rowsOf<{ id: string; category: string; question: string; answer: string; valid_to: string | null; score: number; same: boolean }>(
    await db.execute(sql`
      select r.id, r.fields->>'category' as category, r.fields->>'question' as question, r.fields->>'answer' as answer,
        r.fields->>'validTo' as valid_to, (${score})::int as score, ${sameCategory} as same
      from records r
      where r.type = ${ANSWER_RECORD} and r.state = 'active' and r.fields->>'validFrom' <= ${today}
        and (r.fields->>'validTo' is null or r.fields->>'validTo' >= ${today})
        and (${sameCategory} or (${score}) > 0)
      order by same desc, score desc, r.created_at desc
      limit 5`),
  );
  return rows.map((row) => ({ id: row.id, category: row.category, question: row.question, answer: row.answer, validTo: row.valid_to }));
};
