/** 发文: 机关代字 and the 文号 ledger. */
import { z } from 'zod';

export const IssuerCode = z.object({ code: z.string(), label: z.string(), issuerName: z.string(), sortOrder: z.number().int(), isActive: z.boolean() });
export type IssuerCode = z.infer<typeof IssuerCode>;

export const CreateIssuerCodeInput = z.object({
  code: z.string().trim().regex(/^[\p{Script=Han}A-Za-z]{2,12}$/u, '机关代字为 2–12 个汉字或字母，如 示政办发'),
  label: z.string().trim().min(2).max(30),
  issuerName: z.string().trim().min(2, '请填写发文机关标志').max(40),
  sortOrder: z.number().int().min(0).max(1000).default(0),
});
export type CreateIssuerCodeInput = z.infer<typeof CreateIssuerCodeInput>;

export const DocNumberView = z.object({
  id: z.string(),
  issuerCode: z.string(),
  year: z.number().int(),
  no: z.number().int(),
  text: z.string(),
  status: z.enum(['used', 'reserved', 'void']),
  caseId: z.string().nullable(),
  reservedUntil: z.string().nullable(),
  note: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type DocNumberView = z.infer<typeof DocNumberView>;

export const DocNumberLedger = z.object({ rows: z.array(DocNumberView), gaps: z.array(z.number().int()) });

export const ReserveDocNumberInput = z.object({
  issuerCode: z.string().min(2).max(12),
  year: z.number().int().min(2000).max(2199).optional(),
  until: z.string().datetime({ offset: true, message: '预留截止时间格式不正确' }),
  note: z.string().trim().min(2, '请写明预留用途').max(200),
});

export const VoidDocNumberInput = z.object({ version: z.number().int(), reason: z.string().trim().min(2, '作废须写明理由').max(200) });
