/**
 * What a 12345 工单 is registered with: how it came, what kind of 诉求, its category (「一级/二级」 from the
 * tree the center keeps), who called, where it happened (the 街乡: a township unit of the office's tree),
 * what they asked and how urgent it is. The caller's name and phone are personal data: the kind declares
 * them, and the engine seals them and keeps only their masks in the case row; the numbers typed into the
 * content (and a letter's subject) are masked there the same way (personalText).
 */
import { z } from 'zod';
import { CATEGORY_SEPARATOR, HotlineChannel, TicketType, TicketUrgency } from '../../../../common/schemas/hotline.js';
import { safeLine, safeText } from '../../../../common/schemas/primitives.js';

const optionalLine = (max: number) => safeLine().trim().max(max, `不能超过 ${max} 字`).optional();

export const TicketFields = z.object({
  channel: HotlineChannel,
  ticketType: TicketType,
  category: safeLine()
    .trim()
    .max(120, '分类不能超过 120 字')
    .refine((value) => value.split(CATEGORY_SEPARATOR).length === 2 && value.split(CATEGORY_SEPARATOR).every((part) => part.trim() !== ''), '请选择二级分类'),
  callerName: safeLine().trim().min(1, '请填写来电人姓名（不愿透露的填“匿名”）').max(30, '姓名不能超过 30 字'),
  callerPhone: optionalLine(20),
  /** 事发地址: where the street light is out — the place, not the caller's home. */
  address: optionalLine(200),
  /** 所属街乡: the township unit's short name; checked against the unit tree at registration. */
  area: optionalLine(60),
  content: safeText().trim().min(2, '请填写诉求内容').max(4000, '诉求内容不能超过 4000 字'),
  urgency: TicketUrgency.default('一般'),
  /** 市长信箱: the letter's title, and whether its writer lets the center publish the reply (公开答复). */
  subject: optionalLine(60),
  mayPublish: z.boolean().optional(),
});
export type TicketFields = z.infer<typeof TicketFields>;

/** A 回访 as the ticket keeps it: the result, whether solved, about which unit's answer, and when. */
export type StoredVisit = { result: string; resolved: string | null; unitId: string | null; at: string; byName: string; comment: string | null };
