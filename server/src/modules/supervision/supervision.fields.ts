/**
 * The fields a 督办 item keeps on its case: the 立项 input, its nodes (m1..mN) as they are completed,
 * each period's 调度 report, 民生实事 monthly actuals, and the 申报办结 with its evidence.
 */
import { z } from 'zod';
import { AttachmentRef } from '../../../../common/schemas/cases.js';
import { isoDate, safeLine, safeText, TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';
import { LivelihoodInput, MAX_MILESTONES, MilestoneInput, PlanPlace, ReportCycle, SupervisionSource } from '../../../../common/schemas/supervision.js';

export const StoredMilestone = MilestoneInput.extend({
  key: z.string().regex(/^m\d{1,2}$/),
  doneOn: isoDate().optional(),
  evidence: z.array(AttachmentRef).max(20).optional(),
  note: safeText().max(2000).optional(),
});
export type StoredMilestone = z.infer<typeof StoredMilestone>;

/** One period's 调度 report: the period it is for (2026-03, W2026-03-09), the day it came, what it said. */
export const StoredReport = z.object({ key: safeLine().max(20), on: isoDate(), text: safeText().max(4000) });
export type StoredReport = z.infer<typeof StoredReport>;

/** Cumulative amount done by the end of a month (12 所 built so far), as the lead unit reports it. */
export const MonthlyActual = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), value: z.number().min(0).max(1e9) });

export const SupervisionFields = z.object({
  source: SupervisionSource,
  sourceCaseId: z.string().uuid().optional(),
  title: safeLine().trim().min(2).max(TITLE_MAX_LENGTH),
  measures: safeText().trim().min(2).max(4000),
  leadUnitId: z.string().uuid(),
  leadUnitName: safeLine().max(100).optional(),
  helperUnitIds: z.array(z.string().uuid()).max(30).default([]),
  leaderId: z.string().uuid().optional(),
  leaderName: safeLine().max(30).optional(),
  openedOn: isoDate(),
  deadline: isoDate().optional(),
  isOngoing: z.boolean().default(false),
  reportCycle: ReportCycle,
  milestones: z.array(StoredMilestone).max(MAX_MILESTONES).default([]),
  reports: z.array(StoredReport).max(400).default([]),
  livelihood: LivelihoodInput.extend({ actuals: z.array(MonthlyActual).max(240).default([]) }).optional(),
  plan: PlanPlace.optional(),
  claim: z.object({ on: isoDate(), text: safeText().max(4000), evidence: z.array(AttachmentRef).max(20) }).optional(),
});
export type SupervisionFields = z.infer<typeof SupervisionFields>;

/** The fields as stored (jsonb): read back through the schema, so a pure function sees the declared shape. */
export const readSupervisionFields = (fields: Record<string, unknown>): SupervisionFields => SupervisionFields.parse(fields);
