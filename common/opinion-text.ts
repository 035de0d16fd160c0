/**
 * How a clerk or a leader builds an opinion from 常用意见: each tapped phrase is added to what is written,
 * never put in its place. One rule for every box that offers phrases (拟办, 批示, 签发, 会签 …).
 */

/** Marks that end a clause or a sentence: after one, a phrase follows directly. */
const clauseEnd = /[。，；！？、：,.;!?:]$/;
/** Marks a phrase may open with that would double the one the text already ends with (。。, ，。). */
const leadingMark = /^[。，；、,.;]+/;

/**
 * The opinion with `phrase` added: the phrase alone in an empty box; after a clause mark directly (without
 * a second mark); otherwise after a 「，」. Tapping the phrase the text already ends with changes nothing.
 */
export const appendPhrase = (text: string, phrase: string): string => {
  const base = text.trimEnd();
  const piece = phrase.trim();
  if (!piece) return text;
  if (!base) return piece;
  if (base.endsWith(piece)) return base;
  if (clauseEnd.test(base)) return `${base}${piece.replace(leadingMark, '')}`;
  if (/^[。，；！？、：,.;!?:]/.test(piece)) return `${base}${piece}`;
  return `${base}，${piece}`;
};
