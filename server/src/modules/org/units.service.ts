/** Use cases of the unit tree: 科室 of the office and external 承办单位. */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { CreateUnitInput, Unit, UpdateUnitInput } from '../../../../common/schemas/org.js';
import { units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import { rowsOf, type Db } from '../../platform/db.js';
import { conflict, invalidState, notFound, validationError } from '../../platform/errors.js';
import { assertInScope, requirePermission, unitScope } from '../../platform/scope.js';

type UnitRow = typeof units.$inferSelect;

const present = (row: UnitRow): Unit => ({
  id: row.id,
  parentId: row.parentId,
  name: row.name,
  shortName: row.shortName,
  code: row.code,
  type: row.type as Unit['type'],
  sortOrder: row.sortOrder,
  isActive: row.isActive,
  version: row.version,
});

export const listUnits = async ({ db, actor }: { db: Db; actor: Actor }): Promise<Unit[]> => {
  requirePermission(actor, 'org.read');
  const rows = await db
    .select()
    .from(units)
    .where(unitScope(actor, units.id))
    .orderBy(asc(units.sortOrder), asc(units.code));
  return rows.map(present);
};

export const getUnit = async ({ db, actor, unitId }: { db: Db; actor: Actor; unitId: string }): Promise<Unit> => {
  requirePermission(actor, 'org.read');
  assertInScope(actor, unitId, '单位');
  const [row] = await db.select().from(units).where(eq(units.id, unitId));
  if (!row) throw notFound('单位');
  return present(row);
};

const assertParentUsable = async (db: Db, parentId: string | null, selfId?: string) => {
  if (!parentId) return;
  const [parent] = await db.select().from(units).where(eq(units.id, parentId));
  if (!parent) throw validationError('上级单位不存在');
  if (!parent.isActive) throw validationError('上级单位已停用');
  if (!selfId) return;
  // Moving a unit under itself or one of its descendants would cut it off from the tree.
  const result = await db.execute(sql`
    with recursive ancestors(id, parent_id) as (
      select id, parent_id from units where id = ${parentId}
      union all
      select u.id, u.parent_id from units u join ancestors a on u.id = a.parent_id
    ) select 1 from ancestors where id = ${selfId} limit 1`);
  if (rowsOf(result).length > 0) throw validationError('不能把单位移到它自己或它的下级单位之下');
};

export const createUnit = async ({ db, actor, input }: { db: Db; actor: Actor; input: CreateUnitInput }) => {
  requirePermission(actor, 'unit.manage');
  return db.transaction(async (tx) => {
    await assertParentUsable(tx, input.parentId);
    const [clash] = await tx.select({ id: units.id }).from(units).where(eq(units.code, input.code));
    if (clash) throw conflict(`单位代码 ${input.code} 已被使用`);
    const [row] = await tx
      .insert(units)
      .values({
        parentId: input.parentId,
        name: input.name,
        shortName: input.shortName ?? null,
        code: input.code,
        type: input.type,
        sortOrder: input.sortOrder,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await writeAudit(tx, { actor }, {
      action: 'unit.create',
      result: 'success',
      objectType: 'unit',
      objectId: row.id,
      objectLabel: row.name,
      details: { code: row.code, type: row.type, parentId: row.parentId },
    });
    return present(row);
  });
};

export const updateUnit = async ({
  db,
  actor,
  unitId,
  input,
  now,
}: {
  db: Db;
  actor: Actor;
  unitId: string;
  input: UpdateUnitInput;
  now: Date;
}): Promise<Unit> => {
  requirePermission(actor, 'unit.manage');
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(units).where(eq(units.id, unitId));
    if (!before) throw notFound('单位');
    if (before.version !== input.version) throw conflict();
    const { version, ...changes } = input;
    if (changes.parentId !== undefined && changes.parentId !== before.parentId) {
      await assertParentUsable(tx, changes.parentId, unitId);
    }
    if (changes.isActive === false && before.isActive) {
      const [child] = await tx
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.parentId, unitId), eq(units.isActive, true)))
        .limit(1);
      if (child) throw invalidState('该单位还有启用的下级单位，请先停用下级单位');
    }
    const [row] = await tx
      .update(units)
      .set({ ...changes, version: version + 1, updatedAt: now })
      .where(and(eq(units.id, unitId), eq(units.version, version)))
      .returning();
    if (!row) throw conflict();
    const changed = Object.fromEntries(
      Object.entries(changes).filter(([key, value]) => before[key as keyof UnitRow] !== value),
    );
    await writeAudit(tx, { actor }, {
      action: 'unit.update',
      result: 'success',
      objectType: 'unit',
      objectId: row.id,
      objectLabel: row.name,
      details: { changed },
    });
    return present(row);
  });
};
