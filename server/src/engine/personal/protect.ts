/**
 * Keeping personal values out of the case row and the trail: a kind's personal fields are replaced by
 * their masked form before the row is written, and the clear value is stored only sealed (case_personal)
 * with its blind index. The trail event of the change carries the sealed value, so the history of a
 * corrected number is kept and sealed by the trail's MAC, but never in clear. A kind's personal texts
 * (personalText) are kept the same way when they hold a number: masked where the number is, the whole
 * clear text sealed, not indexed.
 */
import type { Db } from '../../platform/db.js';
import { findPersonalNumbers, hasMaskedNumbers, maskPersonalNumbers } from '../../platform/personal-numbers.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { blindIndex, openPersonal, sealPersonal } from './cipher.js';
import { indexedTypes, maskPersonal, type PersonalType } from './mask.js';
import { findSealedField, storeSealedField } from './personal.repository.js';

/** A field the engine protects: a declared personal value (masked whole) or a free text (masked where its numbers are). */
export type ProtectedField = { label: string; type: PersonalType | 'text' };

/** The kind's protected fields, personal values first. */
export const protectedFieldsOf = (kind: KindDefinition): Array<[string, ProtectedField]> => [
  ...Object.entries(kind.personalFields ?? {}),
  ...Object.entries(kind.personalText ?? {}).map(([field, spec]): [string, ProtectedField] => [field, { label: spec.label, type: 'text' }]),
];

/** One protected field of the kind, if the field is one. */
export const protectedFieldOf = (kind: KindDefinition, field: string): ProtectedField | undefined => {
  const text = kind.personalText?.[field];
  return kind.personalFields?.[field] ?? (text ? { label: text.label, type: 'text' } : undefined);
};

const maskOf = (type: ProtectedField['type'], value: string): string => (type === 'text' ? maskPersonalNumbers(value) : maskPersonal(type, value));

/** A personal field given a new value (or emptied: null). */
export type PersonalChange = { field: string; value: string | null };

/** What a trail event records of a change: the masked form for readers, the sealed one for the record. */
export type PersonalTrailData = Record<string, { masked: string | null; sealed: string | null }>;

/**
 * The fields as they may be stored (personal values masked) and which personal values changed. `before` is
 * the stored row's fields (already masked): a value equal to its stored masked form is unchanged, which
 * is what a transition that copies the fields it was given hands back.
 */
export const protectPersonalFields = ({
  kind,
  before,
  after,
}: {
  kind: KindDefinition;
  before: Record<string, unknown> | undefined;
  after: Record<string, unknown>;
}): { fields: Record<string, unknown>; changes: PersonalChange[] } => {
  const declared = protectedFieldsOf(kind);
  if (declared.length === 0) return { fields: after, changes: [] };
  const fields = { ...after };
  const changes: PersonalChange[] = [];
  for (const [field, spec] of declared) {
    const value = after[field];
    const previous = before?.[field];
    const isEmpty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (isEmpty) {
      if (previous !== undefined && previous !== null && previous !== '') changes.push({ field, value: null });
      continue;
    }
    if (before && value === previous) continue;
    if (spec.type === 'text') {
      // A text is stored as written, numbers masked. A new one without numbers has nothing to seal; a changed one
      // may still carry the numbers the text it replaces had (their masks left in place): storePersonalChanges decides.
      const text = String(value);
      fields[field] = maskPersonalNumbers(text);
      if (before || fields[field] !== text) changes.push({ field, value: text });
      continue;
    }
    const clear = String(value).trim();
    fields[field] = maskPersonal(spec.type, clear);
    changes.push({ field, value: clear });
  }
  return { fields, changes };
};

/** Seals and stores the changed values with their blind index; returns what the trail event records, if anything. */
export const storePersonalChanges = async (
  tx: Db,
  { kind, caseId, changes, now }: { kind: KindDefinition; caseId: string; changes: readonly PersonalChange[]; now: Date },
): Promise<PersonalTrailData | undefined> => {
  if (changes.length === 0) return undefined;
  const trail: PersonalTrailData = {};
  for (const { field, value } of changes) {
    const spec = protectedFieldOf(kind, field);
    if (!spec) continue;
    if (spec.type === 'text') {
      const clear = value === null ? null : await withEarlierNumbers(tx, { caseId, field, edited: value });
      const masked = clear === null ? null : maskPersonalNumbers(clear);
      // Nothing masked (any more): nothing to seal, and an earlier sealed text goes.
      const sealed = clear !== null && masked !== clear ? sealPersonal({ caseId, field }, clear) : null;
      await storeSealedField(tx, { caseId, field, sealed, index: null, now });
      if (sealed) trail[field] = { masked, sealed };
      continue;
    }
    const sealed = value === null ? null : sealPersonal({ caseId, field }, value);
    const index = value !== null && indexedTypes.includes(spec.type) ? { type: spec.type, digest: blindIndex(spec.type, value) } : null;
    await storeSealedField(tx, { caseId, field, sealed, index, now });
    trail[field] = { masked: value === null ? null : maskPersonal(spec.type, value), sealed };
  }
  return trail;
};

/**
 * An edited text as its editor meant it: they saw the earlier text masked, so where they left a mask (138****5678)
 * the earlier clear text's number that masks to it is put back, and 显示 shows the numbers the citizen gave.
 * The earlier sealed text is opened only when the edit still holds a mask.
 */
const withEarlierNumbers = async (tx: Db, { caseId, field, edited }: { caseId: string; field: string; edited: string }): Promise<string> => {
  if (!hasMaskedNumbers(edited)) return edited;
  const sealed = await findSealedField(tx, caseId, field);
  if (!sealed) return edited;
  let restored = edited;
  for (const number of findPersonalNumbers(openPersonal({ caseId, field }, sealed))) restored = restored.replaceAll(maskPersonalNumbers(number), number);
  return restored;
};

/**
 * The sealed rows of a new case's personal values, for a multi-row insert (createCases): what storePersonalChanges
 * writes one by one — a new case has nothing to replace — and the trail data it returns.
 */
export const sealedRowsOf = ({ kind, caseId, changes, now }: { kind: KindDefinition; caseId: string; changes: readonly PersonalChange[]; now: Date }) => {
  const personal: Array<{ caseId: string; field: string; sealed: string; updatedAt: Date }> = [];
  const index: Array<{ caseId: string; field: string; type: string; digest: string }> = [];
  if (changes.length === 0) return { personal, index, trail: undefined };
  const trail: PersonalTrailData = {};
  for (const { field, value } of changes) {
    const spec = protectedFieldOf(kind, field);
    if (!spec) continue;
    // A new text is among the changes only when it had a number to mask (protectPersonalFields).
    const sealed = value === null ? null : sealPersonal({ caseId, field }, value);
    if (sealed !== null) personal.push({ caseId, field, sealed, updatedAt: now });
    if (value !== null && spec.type !== 'text' && indexedTypes.includes(spec.type)) index.push({ caseId, field, type: spec.type, digest: blindIndex(spec.type, value) });
    trail[field] = { masked: value === null ? null : maskOf(spec.type, value), sealed };
  }
  return { personal, index, trail };
};

/** An event's data as readers see it: personal changes by their masked form only, masked inputs by name (no sealed values). */
export const trailDataForView = (data: Record<string, unknown> | null): Record<string, unknown> | null => {
  if (!data) return data;
  const view = { ...data };
  if (typeof data.personal === 'object' && data.personal !== null) {
    const personal = data.personal as PersonalTrailData;
    view.personal = Object.fromEntries(Object.entries(personal).map(([field, entry]) => [field, entry?.masked ?? null]));
  }
  // An action's masked inputs (action-inputs.ts): their names, so the page offers 显示; the sealed texts stay here.
  if (typeof data.personalInputs === 'object' && data.personalInputs !== null) view.personalInputs = Object.keys(data.personalInputs);
  return view;
};
