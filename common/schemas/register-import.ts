/** What every register import shares (收文/发文登记簿, 分工方案 …): how invalid rows are treated, and how they are named. */
import { z } from 'zod';

/** 'all': any invalid row stops the whole import; 'valid-only': invalid rows are left out. */
export const ImportMode = z.enum(['all', 'valid-only'], { message: '导入方式应为 all（全部）或 valid-only（只导入有效行）' });
export type ImportMode = z.infer<typeof ImportMode>;

/** A row the dry run refused, every problem of it in words a clerk understands. */
export const InvalidImportRow = z.object({ row: z.number().int(), errors: z.array(z.string()) });
export type InvalidImportRow = z.infer<typeof InvalidImportRow>;
