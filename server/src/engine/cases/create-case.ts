/** Registering a case of any kind: validate its fields, number it, open its trail and 待办 — in one transaction. */
import { z } from 'zod';
import { cases } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { forbidden, validationError } from '../../platform/errors.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { getKind } from '../kinds/registry.js';
import { allocateSerial, replaceWorkItems, searchColumnsOf, toCaseView } from './cases.repository.js';
import { appendEvent } from './trail.js';
import { listSettingValues } from '../../platform/settings.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { startDeadline, statusFor } from './deadline-ops.js';

const describeIssues = (error: z.ZodError) =>
  error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

export const createCase = async ({
  db,
  actor,
  kindId,
  fields,
  now,
  placement,
}: {
  db: Db;
  actor: Actor;
  kindId: string;
  fields: Record<string, unknown>;
  now: Date;
  /** Where the case lives when it is not the registering actor's own (e.g. a 收文 delivered to another unit at 核发). */
  placement?: { ownerUnitId: string; handlerId: string | null };
}): Promise<{ id: string; serialNo: string; version: number; warnings: string[] }> => {
  const kind = getKind(kindId);
  if (!kind.roles.create.some((role) => actor.roles.includes(role))) throw forbidden(`您不能登记${kind.label}`);
  const parsed = kind.fields.safeParse(fields);
  if (!parsed.success) {
    const details = describeIssues(parsed.error);
    throw validationError(`输入有误：${details.map((d) => `${d.path} ${d.message}`).join('；')}`, { fields: details });
  }
  const values = parsed.data as Record<string, unknown>;
  const today = todayInShanghai(now);
  const year = Number(today.slice(0, 4));
  const caseRule = kind.deadlines.case?.(values, await listSettingValues(db));
  const calendar = caseRule ? await loadCalendar({ db }) : undefined;
  const deadline = caseRule && calendar ? startDeadline({ rule: caseRule, today, calendar }) : null;
  const dueStatus = deadline && calendar ? await statusFor({ db, due: deadline.due, today, calendar }) : 'none';
  return db.transaction(async (tx) => {
    const seq = await allocateSerial(tx, kind.id, year);
    const serialNo = kind.serial(year, seq);
    const [row] = await tx
      .insert(cases)
      .values({
        kind: kind.id,
        year,
        seq,
        serialNo,
        title: kind.titleOf(values),
        state: kind.initialState,
        fields: values,
        ownerUnitId: placement?.ownerUnitId ?? actor.unitId,
        handlerId: placement ? placement.handlerId : actor.userId,
        createdBy: actor.userId,
        ...searchColumnsOf(kind, serialNo, values),
        deadline,
        dueDate: deadline?.due ?? null,
        dueStatus,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await appendEvent(tx, {
      caseId: row.id,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'create',
      toState: row.state,
      data: { serialNo: row.serialNo },
    });
    await replaceWorkItems(tx, row.id, kind.waitingOn({ case: toCaseView(row), assignments: [] }), now);
    const warnings = (await kind.onCreated?.({ tx, caseId: row.id, fields: values, actor, now })) ?? [];
    return { id: row.id, serialNo: row.serialNo, version: row.version, warnings };
  });
};
