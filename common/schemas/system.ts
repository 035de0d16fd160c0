/** The health endpoint: process and database status, and the office this installation serves. */
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
