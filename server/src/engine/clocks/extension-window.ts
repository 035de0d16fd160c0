/**
 * An extension is decided while its period still runs: 《政府信息公开条例》第三十三条 and 《信访工作条例》 both
 * extend a period "需要延长的 … 经负责人同意/批准", which presupposes a period not yet run out. Once its last
 * day has passed nothing is left to extend, and an answer given late stays late: the office records it as late
 * rather than approving an extension that hides it. Read from the case's stored clock in the action's
 * transaction (the last day itself is still in time: a period ends at 24:00, 民法典第二百零三条).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { caseClocks } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { invalidState } from '../../platform/errors.js';

export const refuseLateExtension = async ({ db, caseId, clockId, today, label }: { db: Db; caseId: string; clockId: string; today: string; label: string }): Promise<void> => {
  const [row] = await db
    .select({ dueAt: caseClocks.dueAt, state: caseClocks.state })
    .from(caseClocks)
    .where(and(eq(caseClocks.caseId, caseId), eq(caseClocks.clockId, clockId), isNull(caseClocks.assignmentId)));
  // A paused clock (补正, 第三方) has not run out, whatever date it would reach if the pause lasted its cap.
  if (!row?.dueAt || row.state === 'paused') return;
  const lastDay = row.dueAt.slice(0, 10);
  if (lastDay < today) throw invalidState(`${label}已于 ${lastDay} 届满，不能再延长：延长应在期限届满前决定`);
};
