/**
 * The free text of an action (a kind's personalInputs) kept as personalText is: the numbers in it masked before the
 * action stores the text anywhere, the whole clear text sealed in the action's trail event (data.personalInputs), where
 * the trail's MAC keeps it and 显示 opens it. Pure but for the sealing.
 */
import { maskPersonalNumbers } from '../../platform/personal-numbers.js';
import type { KindDefinition } from '../kinds/kind.types.js';
import { openPersonal, sealPersonal } from './cipher.js';

/** What an event's data carries: input name → its sealed clear text. */
export type SealedInputs = Record<string, string>;

/** The seal's context: the case and the input's name, so a sealed text opens only where it was written. */
const contextOf = (caseId: string, name: string) => ({ caseId, field: `input.${name}` });

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where a personal input's texts sit in the values: `comment` (the value itself), `extension.reason` (inside a group)
 * or `units[].instruction` (in each row of a list: a 交办意见 per unit), each with the name its clear text is sealed
 * under (`units.0.instruction` for the first row). Holders are copies, so that masking leaves `values` as given.
 */
const placesOf = (masked: Record<string, unknown>, name: string): Array<{ holder: Record<string, unknown>; key: string; sealedAs: string }> => {
  const [path, inner] = name.split('.', 2) as [string, string | undefined];
  if (inner === undefined) return [{ holder: masked, key: path, sealedAs: name }];
  if (path.endsWith('[]')) {
    const head = path.slice(0, -2);
    const rows = masked[head];
    if (!Array.isArray(rows)) return [];
    const copies = (masked[head] = rows.map((row: unknown) => (isRecord(row) ? { ...row } : row)));
    return copies.flatMap((row, index) => (isRecord(row) ? [{ holder: row, key: inner, sealedAs: `${head}.${index}.${inner}` }] : []));
  }
  const group = masked[path];
  return isRecord(group) ? [{ holder: (masked[path] = { ...group }), key: inner, sealedAs: name }] : [];
};

/**
 * The action's values with the kind's personal inputs masked, and the sealed clear texts of those that had a number
 * (undefined when none had). `values` is not changed.
 */
export const protectActionInputs = ({ kind, caseId, values }: { kind: KindDefinition; caseId: string; values: Record<string, unknown> }): { values: Record<string, unknown>; sealed: SealedInputs | undefined } => {
  const names = kind.personalInputs ?? [];
  if (names.length === 0) return { values, sealed: undefined };
  const masked: Record<string, unknown> = { ...values };
  const sealed: SealedInputs = {};
  for (const name of names) {
    for (const { holder, key, sealedAs } of placesOf(masked, name)) {
      const clear = holder[key];
      if (typeof clear !== 'string') continue;
      const hidden = maskPersonalNumbers(clear);
      if (hidden === clear) continue;
      holder[key] = hidden;
      sealed[sealedAs] = sealPersonal(contextOf(caseId, sealedAs), clear);
    }
  }
  return { values: masked, sealed: Object.keys(sealed).length > 0 ? sealed : undefined };
};

/** An event's sealed inputs opened: name → clear text. */
export const openActionInputs = (caseId: string, sealed: SealedInputs): Record<string, string> =>
  Object.fromEntries(Object.entries(sealed).map(([name, text]) => [name, openPersonal(contextOf(caseId, name), text)]));
