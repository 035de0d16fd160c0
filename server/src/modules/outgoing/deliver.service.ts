/**
 * 核发: the document goes to its 主送 and 抄送 organs. An organ that works in Fuban receives it as a
 * 收文 in its own unit, waiting for its 联络员 to 签收; the rest are sent outside (paper or 交换).
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { caseLinks, issuerCodes, userRoles, users } from '../../db/schema/index.js';
import { createCase } from '../../engine/cases/create-case.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import type { OutgoingCaseFields, OutgoingFlowFields } from './outgoing.flow.js';
import { findActiveUnitNames } from './format-context.repository.js';
import { unitForRecipient } from './organ-match.js';

type Delivery = NonNullable<OutgoingFlowFields['deliveries']>[number];

/** The first active 联络员 of each unit: the one a delivered 收文 waits on. */
const liaisonsOf = async (tx: Db, unitIds: readonly string[]): Promise<Map<string, string>> => {
  if (unitIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'liaison')))
    .where(and(inArray(users.unitId, [...unitIds]), eq(users.isActive, true)))
    .orderBy(asc(users.username));
  const first = new Map<string, string>();
  for (const row of rows) if (!first.has(row.unitId)) first.set(row.unitId, row.id);
  return first;
};

export const deliverOutgoing = async ({ tx, actor, caseId, fields, now }: { tx: Db; actor: Actor; caseId: string; fields: OutgoingCaseFields; now: Date }): Promise<Delivery[]> => {
  const [issuer] = await tx.select().from(issuerCodes).where(eq(issuerCodes.code, fields.issuerCode));
  // A typed name that is a unit's name or 简称 (or the one unit a near miss suggests, as the format check warned) goes to that unit.
  const unitNames = await findActiveUnitNames(tx);
  const resolve = <T extends { name: string; unitId?: string | null | undefined }>(recipient: T): T => (recipient.unitId ? recipient : { ...recipient, unitId: unitForRecipient(recipient.name, unitNames)?.id });
  const recipients = [...fields.mainTo.map((r) => ({ ...resolve(r), role: 'main' as const })), ...fields.copyTo.map((r) => ({ ...resolve(r), role: 'copy' as const }))];
  const inFuban = [...new Set(recipients.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  const liaisons = await liaisonsOf(tx, inFuban);
  const receivedOn = now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const delivered = new Map<string, { id: string; serialNo: string }>();
  const deliveries: Delivery[] = [];
  for (const recipient of recipients) {
    if (!recipient.unitId) {
      deliveries.push({ name: recipient.name, role: recipient.role });
      continue;
    }
    let copy = delivered.get(recipient.unitId);
    if (!copy) {
      const created = await createCase({
        db: tx,
        actor,
        kindId: 'incoming',
        now,
        placement: { ownerUnitId: recipient.unitId, handlerId: liaisons.get(recipient.unitId) ?? null },
        fields: {
          fromOrg: issuer?.organName || issuer?.issuerName || fields.issuerCode,
          docNumber: fields.docNumber ?? undefined,
          docType: fields.docType,
          title: fields.title,
          urgency: fields.urgency,
          copies: 1,
          receivedOn,
          disclosure: fields.disclosure,
          attachments: fields.attachments,
          deliveredFrom: caseId,
          remarks: recipient.role === 'main' ? '主送' : '抄送',
        },
      });
      copy = { id: created.id, serialNo: created.serialNo };
      delivered.set(recipient.unitId, copy);
      await tx.insert(caseLinks).values({ fromCaseId: copy.id, toCaseId: caseId, type: 'derived_from', createdAt: now }).onConflictDoNothing();
    }
    deliveries.push({ name: recipient.name, unitId: recipient.unitId, caseId: copy.id, serialNo: copy.serialNo, role: recipient.role });
  }
  return deliveries;
};
