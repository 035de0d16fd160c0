/**
 * The stored text of a summary or template, read as pieces: plain text, number tokens ({{metric|同比}}),
 * placeholders ({机关} … in templates) and anything in braces that is neither — which the editor flags and
 * the server refuses on save. The stored format stays the token text; the web editor shows tokens as chips
 * and turns them back into this text. Pure: both sides use it.
 */
import { summaryTokenKinds, summaryTokenPattern } from '../schemas/summary.js';

export type SummaryTokenKind = (typeof summaryTokenKinds)[number];

/** What the office may write in braces in a template; filled from the office and the period when a draft is made. */
export const summaryPlaceholders = [
  { name: '机关', label: '本机关名称', hint: '如“示例市人民政府办公室”，按单位生成时为单位名称' },
  { name: '上级', label: '上级机关', hint: '如“市委、市政府”，随模板层级' },
  { name: '年度', label: '年度', hint: '如“2026年”' },
  { name: '下年', label: '下一年度', hint: '如“2027年”' },
  { name: '期间', label: '期间', hint: '如“2026年”“2026年上半年”“2026年3月”' },
  { name: '信箱', label: '领导信箱', hint: '如“市长信箱”，随模板层级' },
] as const;
export type PlaceholderName = (typeof summaryPlaceholders)[number]['name'];
const placeholderNames: readonly string[] = summaryPlaceholders.map((placeholder) => placeholder.name);

/** How each form of a number reads, for the picker and the chips. */
export const tokenKindLabels: Record<SummaryTokenKind, { label: string; hint: string }> = {
  值: { label: '数值', hint: '本期数值带单位，如“1234件”“98.5%”' },
  数: { label: '纯数字', hint: '不带单位，如“第{数}名”中的名次' },
  同比: { label: '同比', hint: '如“，同比增长12.5%”；上年无数据时不显示，不编造' },
  上年: { label: '上年同期', hint: '上年同期数值；上年无数据时不显示' },
  分项: { label: '分项', hint: '如“（其中通知45件、请示12件）”；不足两项时不显示' },
};

export type SourcePiece =
  | { type: 'text'; text: string }
  | { type: 'token'; raw: string; metricId: string; kind: SummaryTokenKind }
  | { type: 'placeholder'; raw: string; name: PlaceholderName }
  | { type: 'invalid'; raw: string; reason: string };

/** The canonical text of a token: {{id}} for the value, {{id|同比}} for another form. */
export const tokenText = (metricId: string, kind: SummaryTokenKind): string => (kind === '值' ? `{{${metricId}}}` : `{{${metricId}|${kind}}}`);

/** The key a token's value is known by (spacing inside the braces does not matter). */
export const tokenKey = (metricId: string, kind: string): string => `${metricId}|${kind}`;

const candidates = /\{\{[^{}]*\}\}|\{[^{}\s]{1,12}\}/g;

/** One `{{…}}` as a token, or why it is not one. */
const readToken = (raw: string): SourcePiece => {
  const match = [...raw.matchAll(summaryTokenPattern())][0];
  if (!match || match[0] !== raw) return { type: 'invalid', raw, reason: `“${raw}”不是正确的数字写法` };
  const kind = match[2] ?? '值';
  if (!(summaryTokenKinds as readonly string[]).includes(kind)) return { type: 'invalid', raw, reason: `“${raw}”的“${kind}”不是可用的形式（可用：${summaryTokenKinds.join('、')}）` };
  return { type: 'token', raw, metricId: match[1]!, kind: kind as SummaryTokenKind };
};

/**
 * Splits a text into pieces. With `placeholders` (a template), {机关} … are placeholders and any other
 * short word in braces is flagged; without (a draft, whose placeholders were filled when it was made),
 * single braces are plain text.
 */
export const splitSource = (text: string, { placeholders }: { placeholders: boolean }): SourcePiece[] => {
  const pieces: SourcePiece[] = [];
  let at = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const last = pieces.at(-1);
    if (last?.type === 'text') last.text += value;
    else pieces.push({ type: 'text', text: value });
  };
  for (const match of text.matchAll(candidates)) {
    const raw = match[0];
    let piece: SourcePiece | null;
    if (raw.startsWith('{{')) piece = readToken(raw);
    else if (!placeholders) piece = null;
    else {
      const name = raw.slice(1, -1);
      piece = placeholderNames.includes(name) ? { type: 'placeholder', raw, name: name as PlaceholderName } : { type: 'invalid', raw, reason: `“${raw}”不是可用的占位符（可用：${placeholderNames.map((n) => `{${n}}`).join('')}）` };
    }
    if (!piece) continue;
    pushText(text.slice(at, match.index));
    pieces.push(piece);
    at = match.index + raw.length;
  }
  pushText(text.slice(at));
  return pieces;
};

export type SourceProblem = { place: string; raw: string; reason: string };

/** Where a text sits in a summary, as the office says it: 标题, 第2部分标题, 第2部分第1段. */
export const placeName = (section: number | null, paragraph: number | null): string =>
  section === null ? '标题' : paragraph === null ? `第${section + 1}部分标题` : `第${section + 1}部分第${paragraph + 1}段`;

/**
 * Every token that names no known metric or has a wrong form, and (in a template) every unknown
 * placeholder, with where it is. `isKnownMetric` is the catalogue's (server: registry and catalogue; web: GET /api/metrics).
 */
export const findSourceProblems = (
  content: { title: string; sections: ReadonlyArray<{ heading: string; paragraphs: readonly string[] }> },
  { placeholders, isKnownMetric }: { placeholders: boolean; isKnownMetric: (metricId: string) => boolean },
): SourceProblem[] => {
  const problems: SourceProblem[] = [];
  const check = (text: string, place: string) => {
    for (const piece of splitSource(text, { placeholders })) {
      if (piece.type === 'invalid') problems.push({ place, raw: piece.raw, reason: piece.reason });
      if (piece.type === 'token' && !isKnownMetric(piece.metricId)) problems.push({ place, raw: piece.raw, reason: `“${piece.raw}”中的指标“${piece.metricId}”不存在` });
    }
  };
  check(content.title, placeName(null, null));
  content.sections.forEach((section, s) => {
    check(section.heading, placeName(s, null));
    section.paragraphs.forEach((paragraph, p) => check(paragraph, placeName(s, p)));
  });
  return problems;
};
