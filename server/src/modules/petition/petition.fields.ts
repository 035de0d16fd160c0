/**
 * What a 信访件 is registered with: how it came (来源), who brought it, what they ask for and when it
 * was registered. The petitioner's name, phone, ID number and address are personal data: the kind
 * declares them as such, and the engine seals them and keeps only their masks in the case row.
 */
import { z } from 'zod';
import { COLLECTIVE_VISIT_PEOPLE, petitionChannels, referralSources } from '../../../../common/schemas/petition.js';
import { isoDate, safeLine, safeText } from '../../../../common/schemas/primitives.js';

const optionalLine = (max: number) => safeLine().trim().max(max, `不能超过 ${max} 字`).optional();

export const PetitionFields = z
  .object({
    channel: z.enum(petitionChannels, '来源只能是来信、来访、网上或转办'),
    referredBy: z.enum(referralSources, '转办来源只能是巡视组转办、环保督察交办或上级交办函').optional(),
    referralRef: optionalLine(100), // the 交办函's number, where it has one
    visitors: z.number().int('来访人次应为整数').min(1, '来访人次至少为 1').max(10000, '来访人次不能大于 10000').optional(),
    petitionerName: safeLine().trim().min(1, '请填写信访人姓名').max(30, '姓名不能超过 30 字'),
    phone: optionalLine(20),
    idNumber: optionalLine(18),
    address: optionalLine(200),
    summary: safeText().trim().min(2, '请填写诉求摘要').max(4000, '诉求摘要不能超过 4000 字'),
    receivedOn: isoDate('登记日期应为实际存在的日期，格式 YYYY-MM-DD'),
  })
  .superRefine((fields, context) => {
    if (fields.channel === '转办' && !fields.referredBy) context.addIssue({ code: 'custom', path: ['referredBy'], message: '转办件请选择转办来源' });
    if (fields.channel !== '转办' && fields.referredBy) context.addIssue({ code: 'custom', path: ['referredBy'], message: '只有转办件有转办来源' });
    if (fields.channel === '来访' && fields.visitors === undefined) context.addIssue({ code: 'custom', path: ['visitors'], message: '来访请填写来访人次' });
    if (fields.channel !== '来访' && fields.visitors !== undefined) context.addIssue({ code: 'custom', path: ['visitors'], message: '只有来访登记来访人次' });
  })
  // The 集体访 flag follows from the count, so that the register and the metric never disagree with it.
  .transform((fields) => ({ ...fields, isCollective: fields.channel === '来访' && (fields.visitors ?? 0) >= COLLECTIVE_VISIT_PEOPLE }));
export type PetitionFields = z.infer<typeof PetitionFields>;
