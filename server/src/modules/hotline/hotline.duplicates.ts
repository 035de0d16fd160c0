/**
 * 重复工单 (归并): a ticket from the same caller (the phone's blind index, engine/personal) or about the same
 * address, in the same category, within the last days (setting hotline.duplicateDays, default 7) is linked
 * to the earlier ones and the agent is told, at registration. The center may then 归并 it into one of them:
 * the merged ticket is closed as 已归并 and counted once (hotline.tickets counts it apart); the 回访员 sees it
 * among the main ticket's links, so its caller gets the answer too.
 */
import { sql } from 'drizzle-orm';
import { caseLinks } from '../../db/schema/index.js';
import type { Db } from '../../platform/db.js';
import { rowsOf } from '../../platform/db.js';
import { invalidState, validationError } from '../../platform/errors.js';
import { listSettingValues } from '../../platform/settings.js';

/** Earlier tickets this one may repeat: newest first, at most five. */
export const findDuplicates = async ({ tx, caseId, fields, now }: { tx: Db; caseId: string; fields: Record<string, unknown>; now: Date }) => {
  const days = (await listSettingValues(tx))['hotline.duplicateDays'];
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const address = typeof fields.address === 'string' ? fields.address.trim() : '';
  return rowsOf<{ id: string; serial_no: string; same_caller: boolean }>(
    await tx.execute(sql`
      select c.id, c.serial_no,
        exists (select 1 from person_index p join person_index q on q.type = 'phone' and q.digest = p.digest
                where p.case_id = ${caseId}::uuid and p.type = 'phone' and q.case_id = c.id) as same_caller
      from cases c
      where c.kind = 'ticket' and c.id <> ${caseId}::uuid and c.state <> 'merged' and c.created_at >= ${since}::timestamptz
        and c.fields->>'category' = ${String(fields.category ?? '')}
        and (exists (select 1 from person_index p join person_index q on q.type = 'phone' and q.digest = p.digest
                     where p.case_id = ${caseId}::uuid and p.type = 'phone' and q.case_id = c.id)
             ${address ? sql`or c.fields->>'address' = ${address}` : sql``})
      order by c.created_at desc limit 5`),
  );
};

/** At registration: link the earlier tickets and say which they are (a warning, never a refusal). */
export const noteDuplicates = async (context: { tx: Db; caseId: string; fields: Record<string, unknown>; now: Date }): Promise<string[]> => {
  const found = await findDuplicates(context);
  if (found.length === 0) return [];
  await context.tx
    .insert(caseLinks)
    .values(found.map((row) => ({ fromCaseId: context.caseId, toCaseId: row.id, type: 'related' as const, createdAt: context.now })))
    .onConflictDoNothing();
  const which = found.map((row) => `${row.serial_no}（${row.same_caller ? '同一来电人' : '同一地址'}）`).join('、');
  return [`疑似重复工单：${which}，同一分类且在近期登记，已关联，可“归并”`];
};

/** 归并: the ticket it goes into must be another ticket, not itself merged away. */
export const checkMergeTarget = async ({ tx, caseId, into, now }: { tx: Db; caseId: string; into: string; now: Date }): Promise<{ id: string; serialNo: string }> => {
  if (into === caseId) throw validationError('不能归并到本工单', { fields: [{ path: 'into', message: '请选择另一张工单' }] });
  const [target] = rowsOf<{ id: string; serial_no: string; state: string }>(await tx.execute(sql`select id, serial_no, state from cases where id = ${into}::uuid and kind = 'ticket'`));
  if (!target) throw validationError('没有这张工单', { fields: [{ path: 'into', message: '工单不存在' }] });
  if (target.state === 'merged') throw invalidState(`工单 ${target.serial_no} 已归并到其他工单，请归并到主工单`);
  await tx.insert(caseLinks).values({ fromCaseId: caseId, toCaseId: target.id, type: 'related', createdAt: now }).onConflictDoNothing();
  return { id: target.id, serialNo: target.serial_no };
};
