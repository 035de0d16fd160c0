/**
 * Keeping personal values out of the case row and the trail: a kind's personal fields are replaced by
 * their masked form before the row is written, and the clear value is stored only sealed (case_personal)
 * with its blind index. The trail event of the change carries the sealed value, so the history of a
 * corrected number is kept and sealed by the trail's MAC, but never in clear.
 */
import type { Db } from '../../platform/db.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { blindIndex, sealPersonal } from './cipher.js';
import { indexedTypes, maskPersonal } from './mask.js';
import { storeSealedField } from './personal.repository.js';

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
  const declared = kind.personalFields;
  if (!declared) return { fields: after, changes: [] };
  const fields = { ...after };
  const changes: PersonalChange[] = [];
  for (const [field, spec] of Object.entries(declared)) {
    const value = after[field];
    const previous = before?.[field];
    const isEmpty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
    if (isEmpty) {
      if (previous !== undefined && previous !== null && previous !== '') changes.push({ field, value: null });
      continue;
    }
    if (before && value === previous) continue;
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
    const spec = kind.personalFields?.[field];
    if (!spec) continue;
    const sealed = value === null ? null : sealPersonal({ caseId, field }, value);
    const index = value !== null && indexedTypes.includes(spec.type) ? { type: spec.type, digest: blindIndex(spec.type, value) } : null;
    await storeSealedField(tx, { caseId, field, sealed, index, now });
    trail[field] = { masked: value === null ? null : maskPersonal(spec.type, value), sealed };
  }
  return trail;
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
    const spec = kind.personalFields?.[field];
    if (!spec) continue;
    const sealed = value === null ? null : sealPersonal({ caseId, field }, value);
    if (sealed !== null) personal.push({ caseId, field, sealed, updatedAt: now });
    if (value !== null && indexedTypes.includes(spec.type)) index.push({ caseId, field, type: spec.type, digest: blindIndex(spec.type, value) });
    trail[field] = { masked: value === null ? null : maskPersonal(spec.type, value), sealed };
  }
  return { personal, index, trail };
};

/** An event's data as readers see it: personal changes by their masked form only (no sealed values). */
export const trailDataForView = (data: Record<string, unknown> | null): Record<string, unknown> | null => {
  if (!data || typeof data.personal !== 'object' || data.personal === null) return data;
  const personal = data.personal as PersonalTrailData;
  return { ...data, personal: Object.fromEntries(Object.entries(personal).map(([field, entry]) => [field, entry?.masked ?? null])) };
};
