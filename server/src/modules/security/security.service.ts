/** The security policy (安全管理员): read with a short cache, changed with an audit row. */
import { and, eq } from 'drizzle-orm';
import {
  defaultSecurityPolicy,
  SecurityPolicy,
  type SecurityPolicyView,
  type UpdateSecurityPolicyInput,
} from '../../../../common/schemas/security.js';
import { securityPolicy } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { conflict } from '../../platform/errors.js';
import { requirePermission } from '../../platform/scope.js';

// Several server processes share the policy through the database; a short cache
// keeps it off the hot path while a change still reaches every process within seconds.
const CACHE_MS = 5_000;
let cached: { at: number; db: Db; view: SecurityPolicyView } | undefined;

export const forgetCachedPolicy = (): void => {
  cached = undefined;
};

/** Creates the policy row with the defaults when the database has none. */
export const ensureSecurityPolicy = async ({ db }: { db: Db }): Promise<void> => {
  await db.insert(securityPolicy).values({ id: 1, settings: defaultSecurityPolicy }).onConflictDoNothing();
};

export const getSecurityPolicy = async ({ db }: { db: Db }): Promise<SecurityPolicyView> => {
  if (cached && cached.db === db && Date.now() - cached.at < CACHE_MS) return cached.view;
  const [row] = await db.select().from(securityPolicy).where(eq(securityPolicy.id, 1));
  // Stored settings are merged over the defaults so a policy saved by an older version gains new fields.
  const settings = SecurityPolicy.parse({ ...defaultSecurityPolicy, ...(row?.settings ?? {}) });
  const view = { ...settings, version: row?.version ?? 0 };
  cached = { at: Date.now(), db, view };
  return view;
};

export const updateSecurityPolicy = async ({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: UpdateSecurityPolicyInput;
}): Promise<SecurityPolicyView> => {
  requirePermission(actor, 'policy.manage');
  const { version, ...settings } = input;
  const view = await db.transaction(async (tx) => {
    const [current] = await tx.select().from(securityPolicy).where(eq(securityPolicy.id, 1));
    const [row] = await tx
      .update(securityPolicy)
      .set({ settings, version: version + 1, updatedAt: new Date(), updatedBy: actor.userId })
      .where(and(eq(securityPolicy.id, 1), eq(securityPolicy.version, version)))
      .returning();
    if (!row) throw conflict();
    const before: Partial<SecurityPolicy> = current?.settings ?? {};
    const changed = Object.fromEntries(
      Object.entries(settings).filter(([key, value]) => before[key as keyof SecurityPolicy] !== value),
    );
    await writeAudit(tx, { actor }, {
      action: 'policy.update',
      result: 'success',
      objectType: 'security_policy',
      objectId: '1',
      objectLabel: '安全策略',
      details: { changed },
    });
    return { ...settings, version: row.version };
  });
  forgetCachedPolicy();
  return view;
};
