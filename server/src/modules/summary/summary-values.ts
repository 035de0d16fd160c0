/**
 * Numbers of a text worked out for a period and unit: the metrics its tokens name (each once), every
 * paragraph resolved, and what each token reads as (the editor's chips). Shared by a draft's view, a
 * template's preview and the editor's look-up of a token just inserted. Unknown metrics are checked on
 * save (summary-check.ts); here they read as a visible gap.
 */
import { tokenKey } from '../../../../common/documents/summary-source.js';
import type { TokenValue } from '../../../../common/schemas/summary.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { getMetric, hasMetric } from '../metrics/metrics.registry.js';
import { getMetricResult, type MetricMemo } from '../metrics/metrics.service.js';
import { catalogueEntries } from '../metrics/metrics.catalogue.js';
import { metricIdsOf, parseTokens, type ResolvedPiece, resolveText, resolveToken, type TokenMetric } from './summary-tokens.js';

export type Period = { from: string; to: string; unitId: string | null };
export type ResolvedParagraph = { source: string; pieces: ResolvedPiece[] };
export type ResolvedSection = { heading: string; headingPieces: ResolvedPiece[]; paragraphs: ResolvedParagraph[] };

/** A metric the catalogue lists (computed, entered or 未接入) or the registry holds. */
export const isKnownMetric = (id: string): boolean => hasMetric(id) || catalogueEntries().some((entry) => entry.id === id);

const labelOf = (id: string): string | undefined => (hasMetric(id) ? getMetric(id).label : catalogueEntries().find((entry) => entry.id === id)?.label);
const partLabelsOf = (id: string) => (hasMetric(id) ? (getMetric(id).labels ?? {}) : {});

/** The metrics a set of texts names, each worked out for the period and unit now. */
export const metricsFor = async ({ db, actor, texts, period, now }: { db: Db; actor: Actor; texts: readonly string[]; period: Period; now: Date }) => {
  const metrics = new Map<string, TokenMetric>();
  const memo: MetricMemo = new Map();
  // One at a time: a summary names a few dozen metrics, and the embedded database serves one query at a time anyway.
  for (const id of metricIdsOf(texts)) {
    if (!isKnownMetric(id)) continue; // an unknown id stays a visible gap
    const query = { from: period.from, to: period.to, ...(period.unitId ? { unit: period.unitId } : {}) };
    metrics.set(id, await getMetricResult({ db, actor, id, query, now, memo }));
  }
  return metrics;
};

/** What each token of the texts reads as, by tokenKey. */
export const tokenValuesOf = (texts: readonly string[], metrics: ReadonlyMap<string, TokenMetric>): Record<string, TokenValue> => {
  const values: Record<string, TokenValue> = {};
  for (const text of texts) {
    for (const piece of parseTokens(text)) {
      if (piece.type !== 'token') continue;
      const key = tokenKey(piece.metricId, piece.kind);
      if (values[key]) continue;
      const label = labelOf(piece.metricId);
      if (!label) {
        values[key] = { metricId: piece.metricId, kind: piece.kind, label: piece.metricId, type: 'unknown', text: `未知指标 ${piece.metricId}` };
        continue;
      }
      const resolved = resolveToken(piece, metrics.get(piece.metricId), partLabelsOf(piece.metricId));
      const type = resolved.type === 'text' ? 'empty' : resolved.type;
      values[key] = { metricId: piece.metricId, kind: piece.kind, label, type, text: resolved.text };
    }
  }
  return values;
};

/** Sections with every paragraph resolved, the counts of numbers and gaps, and the tokens' values. */
export const resolveContent = async ({
  db,
  actor,
  title,
  sections,
  period,
  now,
}: { db: Db; actor: Actor; title: string; sections: ReadonlyArray<{ heading: string; paragraphs: readonly string[] }>; period: Period; now: Date }) => {
  const texts = [title, ...sections.flatMap((section) => [section.heading, ...section.paragraphs])];
  const metrics = await metricsFor({ db, actor, texts, period, now });
  let numberCount = 0;
  let gapCount = 0;
  // A title or heading may carry a number too (一、全年办文{{incoming.received}}): it resolves and counts like a sentence.
  const resolve = (source: string) => {
    const pieces = resolveText(source, metrics, partLabelsOf);
    numberCount += pieces.filter((piece) => piece.type === 'number').length;
    gapCount += pieces.filter((piece) => piece.type === 'gap').length;
    return pieces;
  };
  const titlePieces = resolve(title);
  const resolved: ResolvedSection[] = sections.map((section) => ({
    heading: section.heading,
    headingPieces: resolve(section.heading),
    paragraphs: section.paragraphs.map((source) => ({ source, pieces: resolve(source) })),
  }));
  return { titlePieces, sections: resolved, numberCount, gapCount, values: tokenValuesOf(texts, metrics) };
};
