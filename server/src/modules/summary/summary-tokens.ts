/**
 * The numbers of a summary are tokens in its text, never typed digits: `{{incoming.received}}` is the
 * metric's value with its unit, `{{incoming.received|同比}}` its change on last year (empty where last
 * year has no data: a 同比 is never invented), `{{meetings.held|分项}}` its parts, `{{info.rank|数}}` the
 * bare number. The office edits the sentences around them freely; each number is worked out from the
 * records whenever the draft is read, so it follows the records and opens the list behind it.
 * A metric with no value leaves a visible gap 【待补充：…】 instead of a number. Pure: no database here.
 */

import { summaryTokenKinds as tokenKinds, summaryTokenPattern } from '../../../../common/schemas/summary.js';

export type TokenKind = (typeof tokenKinds)[number];

export type Token = { metricId: string; kind: TokenKind };

export type TextPiece = { type: 'text'; text: string } | ({ type: 'token'; raw: string } & Token);


/** Splits a paragraph into text and tokens; an unknown kind is left as text (it shows, so it gets fixed). */
export const parseTokens = (text: string): TextPiece[] => {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const match of text.matchAll(summaryTokenPattern())) {
    const kind = (match[2] ?? '值') as TokenKind;
    if (!tokenKinds.includes(kind)) continue;
    if (match.index > at) pieces.push({ type: 'text', text: text.slice(at, match.index) });
    pieces.push({ type: 'token', raw: match[0], metricId: match[1]!, kind });
    at = match.index + match[0].length;
  }
  if (at < text.length) pieces.push({ type: 'text', text: text.slice(at) });
  return pieces;
};

/** The metric ids a text names. */
export const metricIdsOf = (texts: readonly string[]): string[] => [
  ...new Set(texts.flatMap((text) => parseTokens(text).flatMap((piece) => (piece.type === 'token' ? [piece.metricId] : [])))),
];

/** What a token needs of a metric's result (a subset of MetricResult). */
export type TokenMetric = {
  label: string;
  unit: string;
  origin: 'computed' | 'entered' | 'notConnected';
  value: number | null;
  parts: Record<string, number>;
  previous: { value: number | null; hasData: boolean };
  change: { absolute: number | null; percent: number | null };
};

/** A resolved piece: text, a number bound to its metric, or a gap where a number should be. */
export type ResolvedPiece =
  | { type: 'text'; text: string }
  | { type: 'number'; text: string; metricId: string; kind: TokenKind; value: number }
  | { type: 'gap'; text: string; metricId: string; kind: TokenKind };

const plain = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, ''));

/** 1234件, 98.5%, 2.3个工作日, 12项. */
export const withUnit = (value: number, unit: string): string => {
  if (unit === '%') return `${plain(value)}%`;
  if (unit === '工作日') return `${plain(value)}个工作日`;
  return `${plain(value)}${unit}`;
};

/** ，同比增长12.5% / ，同比减少3件 / ，同比提高2.1个百分点 / ，与上年同期持平; '' without last year's data. */
export const changePhrase = (metric: TokenMetric): string => {
  const { previous, change, unit } = metric;
  if (!previous.hasData || previous.value === null || metric.value === null || change.absolute === null) return '';
  if (change.absolute === 0) return '，与上年同期持平';
  const up = change.absolute > 0;
  if (unit === '%') return `，同比${up ? '提高' : '降低'}${plain(Math.abs(change.absolute))}个百分点`;
  if (change.percent !== null) return `，同比${up ? '增长' : '下降'}${plain(Math.abs(change.percent))}%`;
  return `，同比${up ? '增加' : '减少'}${withUnit(Math.abs(change.absolute), unit)}`;
};

const MAX_PARTS = 5;

/** （其中通知45件、请示12件）, the largest first; '' when the metric has no parts. */
export const partsPhrase = (metric: TokenMetric, labels: Record<string, string> = {}): string => {
  const parts = Object.entries(metric.parts).filter(([, value]) => value > 0).sort((a, b) => b[1] - a[1]);
  if (parts.length < 2) return '';
  const shown = parts.slice(0, MAX_PARTS).map(([key, value]) => `${labels[key] ?? key}${withUnit(value, metric.unit)}`);
  return `（其中${shown.join('、')}${parts.length > MAX_PARTS ? '等' : ''}）`;
};

export const gapText = (metric: Pick<TokenMetric, 'label' | 'origin'>): string =>
  `【待补充：${metric.label}${metric.origin === 'notConnected' ? '（未接入）' : ''}】`;

/**
 * Resolves one token against its metric. The value (值, 数) of a metric without a value is a gap; the
 * phrases (同比, 分项, 上年) of such a metric are empty, so a sentence never carries an invented figure.
 */
export const resolveToken = (token: Token, metric: TokenMetric | undefined, labels: Record<string, string> = {}): ResolvedPiece => {
  const { metricId, kind } = token;
  if (!metric) return { type: 'gap', text: `【待补充：未知指标 ${metricId}】`, metricId, kind };
  if (kind === '值' || kind === '数') {
    if (metric.value === null) return { type: 'gap', text: gapText(metric), metricId, kind };
    return { type: 'number', text: kind === '数' ? plain(metric.value) : withUnit(metric.value, metric.unit), metricId, kind, value: metric.value };
  }
  if (kind === '上年') {
    if (!metric.previous.hasData || metric.previous.value === null) return { type: 'text', text: '' };
    return { type: 'number', text: withUnit(metric.previous.value, metric.unit), metricId, kind, value: metric.previous.value };
  }
  const text = kind === '同比' ? changePhrase(metric) : partsPhrase(metric, labels);
  return text ? { type: 'number', text, metricId, kind, value: kind === '同比' ? metric.change.absolute! : metric.value ?? 0 } : { type: 'text', text: '' };
};

/** A paragraph with every token resolved; neighbouring text pieces are joined. */
export const resolveText = (text: string, metrics: ReadonlyMap<string, TokenMetric>, labelsOf: (metricId: string) => Record<string, string> = () => ({})): ResolvedPiece[] => {
  const resolved: ResolvedPiece[] = [];
  for (const piece of parseTokens(text)) {
    const next = piece.type === 'text' ? piece : resolveToken(piece, metrics.get(piece.metricId), labelsOf(piece.metricId));
    const last = resolved.at(-1);
    if (next.type === 'text' && next.text === '') continue;
    if (next.type === 'text' && last?.type === 'text') last.text += next.text;
    else resolved.push({ ...next });
  }
  return resolved;
};

export const plainText = (pieces: ReadonlyArray<{ text: string }>): string => pieces.map((piece) => piece.text).join('');
