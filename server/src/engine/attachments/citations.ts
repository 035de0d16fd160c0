/**
 * Citing a file (its digest in an action's input or a case's fields) is allowed only for a file the user
 * uploaded or can already see through a case they can see — otherwise a digest copied from another
 * unit's reply could be cited in one's own record and then downloaded through it. Checked once here,
 * by registration (create-case) and every action (perform-action).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { assignments, attachmentUploads, cases } from '../../db/schema/index.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { validationError } from '../../platform/errors.js';
import { caseVisibility, kindsVisibleTo, type Identity } from '../cases/access.js';

const DIGEST = /^[0-9a-f]{64}$/;

/** Every file reference ({digest, …}) anywhere in a value. */
export const digestsIn = (value: unknown, found = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) for (const item of value) digestsIn(item, found);
  else if (value && typeof value === 'object') {
    const digest = (value as { digest?: unknown }).digest;
    if (typeof digest === 'string' && DIGEST.test(digest)) found.add(digest);
    for (const item of Object.values(value)) digestsIn(item, found);
  }
  return found;
};

/** True when the file lies in a case the identities see: in its fields, or in a reply they may read. */
const canSeeFile = async (db: Db, actor: Actor, identities: readonly Identity[], digest: string): Promise<boolean> => {
  const [inFields] = await db
    .select({ id: cases.id })
    .from(cases)
    .where(and(caseVisibility(identities), sql`jsonb_path_exists(${cases.fields}, '$.** ? (@.digest == $d)', jsonb_build_object('d', ${digest}::text))`))
    .limit(1);
  if (inFields) return true;
  // A reply's files, as the download route gives them: to office staff, and to the unit that replied.
  const fullKinds = [...new Set(identities.flatMap(kindsVisibleTo))];
  const ownUnits = [...new Set(identities.filter((identity) => identity.roles.includes('liaison')).map((identity) => identity.unitId))];
  const readable =
    actor.scope === 'all'
      ? sql`true`
      : sql`(${fullKinds.length > 0 ? inArray(cases.kind, fullKinds) : sql`false`} or ${ownUnits.length > 0 ? inArray(assignments.unitId, ownUnits) : sql`false`})`;
  const [inReply] = await db
    .select({ id: assignments.id })
    .from(assignments)
    .innerJoin(cases, eq(cases.id, assignments.caseId))
    .where(and(caseVisibility(identities), sql`${assignments.replyAttachments} @> ${JSON.stringify([{ digest }])}::jsonb`, readable))
    .limit(1);
  return inReply !== undefined;
};

/** Refuses a citation of any file the actor neither uploaded nor can see. */
export const assertCanCite = async ({ db, actor, identities, digests }: { db: Db; actor: Actor; identities: readonly Identity[]; digests: Iterable<string> }) => {
  const cited = [...new Set(digests)];
  if (cited.length === 0) return;
  const uploaded = await db
    .select({ digest: attachmentUploads.digest })
    .from(attachmentUploads)
    .where(and(eq(attachmentUploads.userId, actor.userId), inArray(attachmentUploads.digest, cited)));
  const own = new Set(uploaded.map((row) => row.digest));
  for (const digest of cited) {
    if (own.has(digest)) continue;
    if (!(await canSeeFile(db, actor, identities, digest))) throw validationError('附件无效：只能引用本人上传或本人可查看的附件，请重新上传');
  }
};
