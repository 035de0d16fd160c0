/** Reading the audit log (审计管理员 only). Nothing in the application writes to it except writeAudit. */
import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditPage, AuditQuery } from '../../../../common/schemas/security.js';
import { auditLog, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { requirePermission } from '../../platform/scope.js';

export const listAuditEntries = async ({ db, actor, query }: { db: Db; actor: Actor; query: AuditQuery }): Promise<AuditPage> => {
  requirePermission(actor, 'audit.read');
  const conditions: SQL[] = [];
  if (query.from) conditions.push(gte(auditLog.at, new Date(query.from)));
  if (query.to) conditions.push(lte(auditLog.at, new Date(query.to)));
  if (query.actor) conditions.push(eq(auditLog.actorName, query.actor));
  if (query.action) conditions.push(eq(auditLog.action, query.action));
  if (query.result) conditions.push(eq(auditLog.result, query.result));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [counted] = await db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where);
  // The account's name as people know it beside the login name the row keeps (an auditor reads 周强, not sysadmin).
  const rows = await db
    .select({ entry: auditLog, actorDisplayName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit)
    .offset(query.offset);
  return {
    total: Number(counted?.total ?? 0),
    items: rows.map(({ entry, actorDisplayName }) => ({ ...entry, at: entry.at.toISOString(), actorDisplayName })),
  };
};
