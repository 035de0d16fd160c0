/**
 * A typed organ name matched to the units in Fuban (pure): an exact name or 简称 is that unit; a near
 * miss (a prefix such as 「市住建」, the name without the city, an abbreviation, a typo) is a suggestion.
 */
export type UnitName = { id: string; name: string; shortName: string | null };
export type OrganMatch = { exact?: UnitName; suggestions: UnitName[] };

const normalize = (text: string) => text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

const editDistance = (a: string, b: string): number => {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
};

const isSubsequence = (short: string, long: string) => {
  let at = 0;
  for (const char of long) if (char === short[at]) at += 1;
  return at === short.length;
};

/** How close a typed name is to one of a unit's names: lower is closer, undefined is no match. */
const distanceOf = (typed: string, name: string): number | undefined => {
  if (typed.length < 2) return undefined;
  if (name.startsWith(typed) || (typed.length >= 3 && name.endsWith(typed))) return 1;
  const distance = editDistance(typed, name);
  if (distance <= (typed.length >= 6 ? 2 : typed.length >= 3 ? 1 : 0)) return 1 + distance;
  if (typed.length >= 3 && typed.at(-1) === name.at(-1) && isSubsequence(typed, name)) return 4;
  return undefined;
};

/** The unit a typed organ names, or the units it probably meant (closest first, at most three). */
export const matchOrgan = (typedName: string, units: readonly UnitName[]): OrganMatch => {
  const typed = normalize(typedName);
  const exact = units.find((unit) => normalize(unit.name) === typed || (unit.shortName && normalize(unit.shortName) === typed));
  if (exact) return { exact, suggestions: [] };
  const scored = units.flatMap((unit) => {
    const distances = [unit.name, unit.shortName].flatMap((name) => (name ? [distanceOf(typed, normalize(name))] : [])).filter((d): d is number => d !== undefined);
    return distances.length > 0 ? [{ unit, distance: Math.min(...distances) }] : [];
  });
  return { suggestions: scored.sort((a, b) => a.distance - b.distance).slice(0, 3).map((entry) => entry.unit) };
};

/** The unit a recipient goes to at 核发: its chosen unit, an exact name, or the one unit a near miss suggests. */
export const unitForRecipient = (typedName: string, units: readonly UnitName[]): UnitName | undefined => {
  const match = matchOrgan(typedName, units);
  return match.exact ?? (match.suggestions.length === 1 ? match.suggestions[0] : undefined);
};

