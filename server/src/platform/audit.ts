/**
 * Writing the audit log. Call it with the transaction of the change it records,
 * so that a change and its audit row commit or roll back together.
 */
import { auditLog } from '../db/schema/index.js';
import type { Actor } from './actor.js';
import { isCliActor } from './actor.js';
import type { Db } from './db.js';

export type AuditRecord = {
  action: string;
  result: 'success' | 'failure';
  objectType?: string;
  objectId?: string;
  objectLabel?: string;
  details?: Record<string, unknown>;
};

/** Who did it: a signed-in actor, or an anonymous attempt (a failed login) with the name it gave. */
export type AuditSubject = { actor: Actor } | { actorId?: string | null; actorName: string | null; ip: string | null };

export const writeAudit = async (db: Db, subject: AuditSubject, record: AuditRecord): Promise<void> => {
  const who =
    'actor' in subject
      ? {
          actorId: isCliActor(subject.actor) ? null : subject.actor.userId,
          actorName: subject.actor.username,
          ip: subject.actor.ip,
        }
      : { actorId: subject.actorId ?? null, actorName: subject.actorName, ip: subject.ip };
  await db.insert(auditLog).values({
    ...who,
    action: record.action,
    result: record.result,
    objectType: record.objectType ?? null,
    objectId: record.objectId ?? null,
    objectLabel: record.objectLabel ?? null,
    details: record.details ?? null,
  });
};
