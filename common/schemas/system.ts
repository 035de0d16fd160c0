/** The health endpoint (process and database status, the office this installation serves) and 系统配置 settings. */
import { z } from 'zod';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
  officeName: z.string().nullable(),
  warnings: z.array(z.string()),
  /** True while a new demo office is still making its year of demo documents in the background. */
  isDemoDataPending: z.boolean(),
});
export type Health = z.infer<typeof Health>;

/** One setting: its label, bounds and default, and the stored value (version 0 = never saved). */
export const SettingView = z.object({
  key: z.string(),
  label: z.string(),
  value: z.number(),
  defaultValue: z.number(),
  min: z.number(),
  max: z.number(),
  version: z.number().int(),
});
export type SettingView = z.infer<typeof SettingView>;
