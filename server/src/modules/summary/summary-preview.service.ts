/**
 * Reading text that is not saved yet: a template's preview for a chosen period (placeholders filled as a
 * draft made now would have them, every number worked out from the records, nothing written), and the
 * value of tokens the editor has just inserted (its chips).
 */
import type { TemplatePreview, TokenValue } from '../../../../common/schemas/summary.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { requirePermission } from '../../platform/scope.js';
import { organNameOf } from './summary-office.js';
import { fillPlaceholders, periodWords } from './summary-period.js';
import type { OfficeLevel, PeriodKind } from './summary-templates.js';
import { metricsFor, type Period, resolveContent, tokenValuesOf } from './summary-values.js';

type Content = { title: string; sections: ReadonlyArray<{ heading: string; paragraphs: readonly string[] }> };

export const previewSummaryTemplate = async ({
  db,
  actor,
  content,
  level,
  periodKind,
  period,
  now,
}: { db: Db; actor: Actor; content: Content; level: OfficeLevel | null; periodKind: PeriodKind; period: Period; now: Date }): Promise<TemplatePreview> => {
  requirePermission(actor, 'summary.read');
  const words = periodWords({ periodKind, from: period.from, to: period.to, level, organName: await organNameOf(db, period.unitId) });
  const title = fillPlaceholders(content.title, words);
  const sections = content.sections.map((section) => ({ heading: fillPlaceholders(section.heading, words), paragraphs: section.paragraphs.map((text) => fillPlaceholders(text, words)) }));
  return { title, ...(await resolveContent({ db, actor, title, sections, period, now })) };
};

/** What each token reads as for the period, by tokenKey; a token that is not one is left out. */
export const readTokenValues = async ({ db, actor, tokens, period, now }: { db: Db; actor: Actor; tokens: readonly string[]; period: Period; now: Date }): Promise<Record<string, TokenValue>> => {
  requirePermission(actor, 'summary.read');
  const metrics = await metricsFor({ db, actor, texts: tokens, period, now });
  return tokenValuesOf(tokens, metrics);
};
