/**
 * The checks a ticket's steps make against what the center keeps (categories, 街乡, 职责清单) and the
 * time limits it sets (settings): each one small, read inside the action's transaction.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { TicketType, TicketUrgency } from '../../../../common/schemas/hotline.js';
import { records, units } from '../../db/schema/index.js';
import type { ClockAmount } from '../../engine/clocks/clock.types.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { validationError } from '../../platform/errors.js';
import { CATEGORY_RECORD, DUTY_RECORD } from './hotline.records.js';

/** The working days a unit has from its 签收, by type and urgency (settings: local rules). */
export const handlingDays = (fields: { ticketType?: unknown; urgency?: unknown }, settings: Readonly<Record<string, number>>): ClockAmount => {
  // 应急 当日: the day of the 签收, whatever day it is — 12345 runs 7×24, and an emergency signed for on a Sunday
  // does not wait for Monday (民法典第二百零三条 moves the last day of a period; 当日 is no period to move).
  if ((fields.urgency as TicketUrgency) === '应急') return { amount: settings['hotline.days.emergency'] ?? 0, unit: 'workday', rollOverRestDay: false };
  const byType: Record<TicketType, string> = {
    咨询: 'hotline.days.consult',
    求助: 'hotline.days.help',
    投诉: 'hotline.days.complaint',
    举报: 'hotline.days.report',
    建议: 'hotline.days.suggestion',
    表扬: 'hotline.days.praise',
  };
  const key = byType[fields.ticketType as TicketType] ?? 'hotline.days.complaint';
  return { amount: settings[key] ?? 13, unit: 'workday' };
};

export const handlingBasis = (fields: Record<string, unknown>): string =>
  fields.urgency === '应急' ? '12345热线办理规则：应急类工单签收当日办结' : `12345热线办理规则：${String(fields.ticketType ?? '')}类工单自签收之日起按规定工作日内办结`;

/** The category must be a 二级 category the center has and keeps active: as a boolean SQL value (categoryRefusal when false). */
export const categoryFound = (category: string): SQL => {
  const [parent, name] = category.split('/').map((part) => part.trim());
  return sql`exists (select 1 from ${records} where ${and(eq(records.type, CATEGORY_RECORD), sql`${records.fields}->>'name' = ${name}`, sql`${records.fields}->>'parent' = ${parent}`, sql`(${records.fields}->>'isActive')::boolean`)})`;
};
export const categoryRefusal = (category: string) => validationError(`没有这个诉求分类：${category}`, { fields: [{ path: 'category', message: '请从分类目录中选择' }] });

/** The 街乡 must be one of the office's township units, named as the tree names it: as a boolean SQL value (areaRefusal when false). */
export const areaFound = (area: string): SQL =>
  sql`exists (select 1 from ${units} where ${and(eq(units.type, 'township'), eq(units.isActive, true), sql`(${units.shortName} = ${area} or ${units.name} = ${area})`)})`;
export const areaRefusal = (area: string) => validationError(`没有这个街乡：${area}`, { fields: [{ path: 'area', message: '请从街乡列表中选择' }] });

const isTrue = async (db: Db, found: SQL): Promise<boolean> => Boolean(rowsOf<{ ok: boolean }>(await db.execute(sql`select ${found} as ok`))[0]?.ok);

export const assertCategory = async (db: Db, category: string): Promise<void> => {
  if (!(await isTrue(db, categoryFound(category)))) throw categoryRefusal(category);
};

export const assertArea = async (db: Db, area: string): Promise<void> => {
  if (!(await isTrue(db, areaFound(area)))) throw areaRefusal(area);
};

/** A 退单 cites a line of the unit's own 职责清单: anything else is not a reason the center accepts. */
export const assertDutyItem = async (db: Db, unitId: string, item: string): Promise<void> => {
  const [found] = await db
    .select({ id: records.id })
    .from(records)
    .where(and(eq(records.type, DUTY_RECORD), eq(records.unitId, unitId), eq(records.state, 'active'), sql`${records.fields}->>'item' = ${item}`))
    .limit(1);
  if (!found) throw validationError('退单理由须引用本单位职责清单中的一项', { fields: [{ path: 'dutyItem', message: '不在本单位职责清单中' }] });
};
