/** Links between cases (派生自 / 子事项 / 相关): recorded in both trails, visible where both cases are. */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { caseLinks, cases } from '../../db/schema/index.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { getKind } from '../kinds/registry.js';
import { identitiesOf, seesAsUnit } from './access.js';
import { findVisibleCase } from './cases.repository.js';
import { appendEvent } from './trail.js';

export type LinkType = 'derived_from' | 'child_of' | 'related';
const linkLabels: Record<LinkType, string> = { derived_from: '派生自', child_of: '子事项', related: '相关事项' };

export const linkCases = async ({
  db,
  actor,
  caseId,
  toCaseId,
  type,
  now,
}: {
  db: Db;
  actor: Actor;
  caseId: string;
  toCaseId: string;
  type: LinkType;
  now: Date;
}): Promise<void> => {
  if (caseId === toCaseId) throw validationError('不能关联自身');
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const from = await findVisibleCase(db, identities, caseId);
  const to = await findVisibleCase(db, identities, toCaseId);
  if (!from || !to) throw notFound('事项');
  // Only office staff who see both cases in full may link them; a unit's 联络员 may not.
  if (seesAsUnit(identities, from.kind) || seesAsUnit(identities, to.kind)) throw forbidden('只有办公室工作人员可以关联事项');
  await db.transaction(async (tx) => {
    const inserted = await tx.insert(caseLinks).values({ fromCaseId: caseId, toCaseId, type, createdAt: now }).onConflictDoNothing().returning();
    if (inserted.length === 0) throw conflict('两个事项已经关联');
    // Both cases' rows are locked in id order so two concurrent links cannot deadlock.
    for (const id of [caseId, toCaseId].sort()) await tx.select({ id: cases.id }).from(cases).where(eq(cases.id, id)).for('update');
    const describe = (row: typeof from) => `${getKind(row.kind).label} ${row.serialNo}`;
    await appendEvent(tx, { caseId, at: now, actorId: actor.userId, actorName: actor.displayName, action: 'link', comment: `${linkLabels[type]}：${describe(to)}`, data: { toCaseId, type } });
    await appendEvent(tx, { caseId: toCaseId, at: now, actorId: actor.userId, actorName: actor.displayName, action: 'link', comment: `被关联（${linkLabels[type]}）：${describe(from)}`, data: { fromCaseId: caseId, type } });
  });
};
