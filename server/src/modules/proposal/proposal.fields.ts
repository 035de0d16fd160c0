/**
 * What a 建议/提案 keeps on its case: the registration (body, 届次 and session, number, title, the lead
 * deputy or member, 附议/联名, 代表团/界别, 类别, 内容, 重点 with its 领办 leader), then what handling adds —
 * each unit's 交办 day (for the 退回 window), the answers of each round with their class and contacts,
 * the deputy's 征询意见表 of each round, 并案 and the B-class promise's 督办 item.
 */
import { z } from 'zod';
import { AttachmentRef } from '../../../../common/schemas/cases.js';
import { isoDate, safeLine, safeText, TITLE_MAX_LENGTH } from '../../../../common/schemas/primitives.js';
import { AnswerClass, ProposalBody, ProposalContact, SurveyRating } from '../../../../common/schemas/proposal.js';

/** A unit's answer in a round (1: the first answer; 2: after 不满意, 重新办理). */
export const StoredAnswer = z.object({
  unitId: z.string().uuid(),
  unitName: safeLine().max(100),
  round: z.number().int().min(1).max(2),
  on: isoDate(),
  answerClass: AnswerClass,
  isPublishable: z.boolean(),
  contacts: z.array(ProposalContact).max(4),
  text: safeText().max(20000),
  letter: z.array(AttachmentRef).max(20).default([]),
  /** B 类: the year the promise is planned for (列入计划). */
  promiseYear: z.number().int().min(2000).max(2100).optional(),
});
export type StoredAnswer = z.infer<typeof StoredAnswer>;

export const StoredSurvey = z.object({
  round: z.number().int().min(1).max(2),
  on: isoDate(),
  attitude: SurveyRating,
  onPoint: SurveyRating,
  result: SurveyRating,
  overall: SurveyRating,
  comment: safeText().max(1000).optional(),
});
export type StoredSurvey = z.infer<typeof StoredSurvey>;

export const ProposalFields = z.object({
  body: ProposalBody,
  term: safeLine().trim().min(1).max(20),
  session: z.number().int().min(1).max(20),
  number: safeLine().trim().min(1).max(20),
  title: safeLine().trim().min(2).max(TITLE_MAX_LENGTH),
  leadName: safeLine().trim().min(1).max(30),
  leadPhone: safeLine().trim().max(20).optional(),
  cosigners: z.array(safeLine().trim().min(1).max(30)).max(100).default([]),
  group: safeLine().trim().max(40).optional(),
  category: safeLine().trim().max(40).optional(),
  content: safeText().trim().min(2).max(20000),
  receivedOn: isoDate(),
  isKey: z.boolean().default(false),
  keyLeaderId: z.string().uuid().optional(),
  keyLeaderName: safeLine().max(30).optional(),
  /** unit id → the day it was last given the item (交办, 改派): its 退回 window counts from there. */
  assignedOn: z.record(z.string().uuid(), isoDate()).default({}),
  /** 交办会 day, when the item was given at one. */
  meetingOn: isoDate().optional(),
  round: z.number().int().min(1).max(2).default(1),
  answers: z.array(StoredAnswer).max(40).default([]),
  answeredOn: isoDate().optional(),
  surveys: z.array(StoredSurvey).max(10).default([]),
  /** 并案: the item this one was merged with (its units answer each item separately). */
  mergedWith: z.string().uuid().optional(),
  /** The 督办 item a B-class promise is tracked as. */
  promiseItemId: z.string().uuid().optional(),
});
export type ProposalFields = z.infer<typeof ProposalFields>;

export const readProposalFields = (fields: Record<string, unknown>): ProposalFields => ProposalFields.parse(fields);
