/**
 * The 政府信息公开工作年度报告 of a year, for the whole office or one unit (a 联络员: their own): the
 * facts gathered from the records, the pure builder, and the two files offices publish — the
 * tables as .xlsx and the report as a GB/T 9704 .docx.
 */
import { eq } from 'drizzle-orm';
import type { AnnualReportView } from '../../../../common/schemas/disclosure.js';
import { publishedItems } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';
import { buildAnnualReport } from './annual-report.js';
import { findRequestFacts } from './request.repository.js';
import { findOrganName, findPublishedFacts } from './published.repository.js';
import { scopedUnitId } from './published.service.js';

/** The report of `year`, built from the register and the request records in the actor's scope. */
export const getAnnualReport = async ({ db, actor, year, unit }: { db: Db; actor: Actor; year: number; unit?: string | undefined }): Promise<AnnualReportView> => {
  requirePermission(actor, 'disclosure.read');
  const unitId = scopedUnitId(actor, unit);
  const organName = await findOrganName(db, unitId);
  if (organName === undefined) throw notFound('单位');
  const published = await findPublishedFacts(db, year, unitId ? eq(publishedItems.unitId, unitId) : undefined);
  const { requests, proceedings } = await findRequestFacts(db, year, unitId);
  return buildAnnualReport({
    year,
    organName,
    scopeUnit: unitId ? { id: unitId, name: organName } : null,
    published,
    requests,
    proceedings,
  });
};
