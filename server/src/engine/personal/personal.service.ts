/**
 * Use cases on citizens' personal data: the masked view a case page shows, 显示 (reveal one field or text in
 * full, audited, for those whose work needs it: pii.reveal), and finding a person's cases by phone or ID number
 * through the blind index — only among the cases the user may see.
 */
import type { PersonalFieldView, PersonSearchInput, PersonSearchResult, RevealedInputs, RevealedValue } from '../../../../common/schemas/personal.js';
import type { Actor } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { notFound } from '../../platform/errors.js';
import { hasMaskedNumbers } from '../../platform/personal-numbers.js';
import { can } from '../../platform/scope.js';
import { todayInShanghai } from '../calendar/calendar.js';
import { identitiesOf, seesAsUnit } from '../cases/access.js';
import { findVisibleCase } from '../cases/cases.repository.js';
import { caseSummaryOf } from '../cases/ledger.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { getKind } from '../kinds/registry.js';
import { openActionInputs, type SealedInputs } from './action-inputs.js';
import { blindIndex, openPersonal } from './cipher.js';
import type { PersonalType } from './mask.js';
import { findCasesByDigest, findEventData, findSealedField } from './personal.repository.js';
import { protectedFieldOf, protectedFieldsOf } from './protect.js';

const SEARCH_LIMIT = 100;

/**
 * The kind's personal fields and texts as the case page shows them (the row holds only masked values). A text
 * offers 显示 only where it has a masked number: the rest of it is there in full already.
 */
export const personalFieldViews = ({ kind, fields, actor }: { kind: KindDefinition; fields: Record<string, unknown>; actor: Actor }): PersonalFieldView[] =>
  protectedFieldsOf(kind).map(([field, spec]) => {
    const masked = typeof fields[field] === 'string' && fields[field] !== '' ? (fields[field] as string) : null;
    const hasHidden = masked !== null && (spec.type !== 'text' || hasMaskedNumbers(masked));
    return { field, label: spec.label, masked, canReveal: hasHidden && can(actor, 'pii.reveal'), ...(spec.type === 'text' ? { isText: true } : {}) };
  });

/** 显示: one personal field of a visible case in full; the audit log records who saw which field of which case. */
export const revealPersonalField = async ({ db, actor, caseId, field, now }: { db: Db; actor: Actor; caseId: string; field: string; now: Date }): Promise<RevealedValue> => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const row = await findVisibleCase(db, identities, caseId);
  if (!row) throw notFound('事项');
  const spec = protectedFieldOf(getKind(row.kind), field);
  if (!spec) throw notFound('个人信息字段');
  // A text with no number in it has nothing sealed: there is nothing more to show than the page does.
  const sealed = await findSealedField(db, caseId, field);
  if (!sealed) throw notFound(spec.type === 'text' ? `${spec.label}中隐去的号码` : spec.label);
  const value = openPersonal({ caseId, field }, sealed);
  // The value is handed out only once the audit row has committed: no unrecorded look.
  await db.transaction((tx) =>
    writeAudit(tx, { actor }, { action: 'personal.reveal', result: 'success', objectType: 'case', objectId: caseId, objectLabel: row.serialNo, details: { field, label: spec.label } }),
  );
  return { field, value };
};

/**
 * 显示 on a trail event: the free text its action took, with the citizen's numbers the trail shows masked
 * (action-inputs.ts). The event must be one the user's trail shows (a unit sees the events of its own work); the
 * audit log records who saw which event's texts.
 */
export const revealEventInputs = async ({ db, actor, caseId, seq, now }: { db: Db; actor: Actor; caseId: string; seq: number; now: Date }): Promise<RevealedInputs> => {
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const row = await findVisibleCase(db, identities, caseId);
  if (!row) throw notFound('事项');
  const data = await findEventData(db, caseId, seq);
  const unitId = typeof data?.unitId === 'string' ? data.unitId : undefined;
  const hidden = unitId !== undefined && seesAsUnit(identities, row.kind) && !identities.some((identity) => identity.unitId === unitId);
  const sealed = data?.personalInputs as SealedInputs | undefined;
  if (hidden || !sealed || typeof sealed !== 'object') throw notFound('该留痕中隐去的号码');
  const texts = openActionInputs(caseId, sealed);
  await db.transaction((tx) =>
    writeAudit(tx, { actor }, { action: 'personal.reveal', result: 'success', objectType: 'case', objectId: caseId, objectLabel: row.serialNo, details: { event: seq, inputs: Object.keys(texts) } }),
  );
  return { seq, texts };
};

/** A person's cases by phone or ID number (blind index), among the cases this user may see; the search is audited, without the number. */
export const searchPersonCases = async ({ db, actor, input, now }: { db: Db; actor: Actor; input: PersonSearchInput; now: Date }): Promise<PersonSearchResult> => {
  const [type, value]: [PersonalType, string] = input.phone !== undefined ? ['phone', input.phone] : ['idNumber', input.idNumber ?? ''];
  const identities = await identitiesOf({ db, actor, today: todayInShanghai(now) });
  const found = await findCasesByDigest(db, identities, { type, digest: blindIndex(type, value), limit: SEARCH_LIMIT });
  await db.transaction((tx) =>
    writeAudit(tx, { actor }, { action: 'personal.search', result: 'success', objectType: 'case', details: { by: type, found: found.length } }),
  );
  return {
    items: found.map(({ row, field }) => {
      const spec = getKind(row.kind).personalFields?.[field];
      return { ...caseSummaryOf(row, []), matchedField: field, matchedLabel: spec?.label ?? field, masked: String(row.fields[field] ?? '') };
    }),
  };
};
