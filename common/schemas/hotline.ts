/**
 * 12345 热线 vocabulary both sides use: how a ticket came (渠道), what it is (类型), how urgent, the 回访
 * results and the ledger query; the 三率 board is hotline-rates.ts.
 */
import { z } from 'zod';
import { isoDate, safeLine } from './primitives.js';

/** 渠道: agents type the phone calls; the others come in writing or are forwarded (省平台转办). */
export const hotlineChannels = ['电话', '网上', '市长信箱', '微信', '媒体线索', '省平台转办'] as const;
export const HotlineChannel = z.enum(hotlineChannels, '请选择来源渠道');
export type HotlineChannel = z.infer<typeof HotlineChannel>;

/** 诉求类型 (GB/T 39666-2020 政府热线服务分类). */
export const ticketTypes = ['咨询', '求助', '投诉', '举报', '建议', '表扬'] as const;
export const TicketType = z.enum(ticketTypes, '请选择诉求类型');
export type TicketType = z.infer<typeof TicketType>;

/** 紧急程度: an 应急 ticket is to be done the day it is signed for. */
export const ticketUrgencies = ['一般', '应急'] as const;
export const TicketUrgency = z.enum(ticketUrgencies, '请选择紧急程度');
export type TicketUrgency = z.infer<typeof TicketUrgency>;

/** 回访结果: 不满意 sends the ticket back to its unit (重办); 未联系上 is counted in no 满意率. */
export const visitResults = ['满意', '基本满意', '不满意', '未联系上'] as const;
export const VisitResult = z.enum(visitResults);
export type VisitResult = z.infer<typeof VisitResult>;
/** Whether the caller says the matter was solved (解决率). */
export const resolvedAnswers = ['已解决', '未解决'] as const;

/** A category is two levels, kept as 「一级/二级」 on the ticket. */
export const CATEGORY_SEPARATOR = '/';

const uuid = z.string().uuid('编号格式不正确');

/** 工单台账: what the agents filter on (each one indexed: migration 0026). */
export const TicketQuery = z.object({
  channel: HotlineChannel.optional(),
  type: TicketType.optional(),
  state: safeLine().max(30).optional(),
  area: safeLine().max(60).optional(),
  category: safeLine().max(120).optional(),
  unitId: uuid.optional(),
  from: isoDate().optional(),
  to: isoDate().optional(),
  q: safeLine().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type TicketQuery = z.infer<typeof TicketQuery>;

export const TicketRow = z.object({
  id: z.string(),
  serialNo: z.string(),
  title: z.string(),
  channel: z.string(),
  type: z.string(),
  category: z.string(),
  area: z.string().nullable(),
  urgency: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  unitName: z.string().nullable(),
  dueDate: z.string().nullable(),
  dueStatus: z.string(),
  returnCount: z.number(),
  createdAt: z.string(),
});
export type TicketRow = z.infer<typeof TicketRow>;
/** `total`: exact up to 1,000 tickets, the planner's estimate above it (`isEstimate`: shown as 约). */
export const TicketPage = z.object({ rows: z.array(TicketRow), total: z.number(), isEstimate: z.boolean() });
export type TicketPage = z.infer<typeof TicketPage>;

/** The category tree as the intake form offers it. */
export const CategoryNode = z.object({ name: z.string(), children: z.array(z.string()) });
export type CategoryNode = z.infer<typeof CategoryNode>;

/** 知识库: what the agent is offered while typing — answers valid today, best match first. */
export const KnowledgeQuery = z.object({ q: safeLine().max(400).default(''), category: safeLine().max(120).optional() });
export const KnowledgeAnswer = z.object({ id: z.string(), category: z.string(), question: z.string(), answer: z.string(), validTo: z.string().nullable() });
export type KnowledgeAnswer = z.infer<typeof KnowledgeAnswer>;
