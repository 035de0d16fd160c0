/**
 * The columns of a register (any Excel list a module imports: 收文/发文登记簿, 分工方案, 建议提案 lists):
 * guessing which header is which by normalised name, and resolving the user's confirmed mapping.
 * A module gives its fields, their labels and the header names seen for each.
 */
import { validationError } from '../errors.js';

/** Header names seen for each field of a register, most specific first. */
export type HeaderAliases<F extends string = string> = Record<F, readonly string[]>;

/** Full-width forms folded, spaces, bracketed notes and required-marks dropped: 「收文日期（年/月/日）*」 → 收文日期. */
export const normaliseHeader = (header: string): string =>
  header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[([【［].*?[)\]】］]/g, '')
    .replace(/[*:：]/g, '');

/**
 * Guessing and resolving the column mapping of a register, given its fields, their labels and the
 * header names seen for each. Only names of 3+ characters also match inside a longer header.
 */
export const registerColumns = <F extends string>({ fields, labels, aliases: known }: { fields: readonly F[]; labels: Record<F, string>; aliases: HeaderAliases<F> }) => {
  type Mapping = Record<F, number | null>;

  const emptyMapping = (): Mapping => Object.fromEntries(fields.map((field) => [field, null])) as Mapping;

  /**
   * Which header (index into `headers`) each field most likely is: exact names first, then a
   * header that contains a longer name (来文机关名称 → 来文机关). One header serves one field.
   */
  const suggestMapping = (headers: readonly string[]): Mapping => {
    const mapping = emptyMapping();
    const normalised = headers.map(normaliseHeader);
    const taken = new Set<number>();
    const claim = (matches: (header: string, alias: string) => boolean, minAliasLength: number) => {
      for (const field of fields) {
        if (mapping[field] !== null) continue;
        for (const alias of known[field]) {
          if (alias.length < minAliasLength) continue;
          const index = normalised.findIndex((header, i) => !taken.has(i) && header !== '' && matches(header, alias));
          if (index === -1) continue;
          mapping[field] = index;
          taken.add(index);
          break;
        }
      }
    };
    claim((header, alias) => header === alias, 0);
    claim((header, alias) => header.includes(alias), 3);
    return mapping;
  };

  /** How many headers of a row look like register columns: finds the header row under a title line. */
  const countKnownHeaders = (cells: readonly string[]): number => Object.values<number | null>(suggestMapping(cells)).filter((index) => index !== null).length;

  /**
   * The mapping in force: the user's choices over the guess. A field the user leaves out keeps the
   * guessed column unless the user gave that column to another field; null leaves a field unmapped.
   */
  const resolveMapping = (headers: readonly string[], suggested: Mapping, requested: Partial<Mapping> = {}): Mapping => {
    const mapping = emptyMapping();
    const chosen = new Map<number, F>();
    for (const field of fields) {
      const index = requested[field];
      if (index === undefined || index === null) continue;
      if (index >= headers.length) throw validationError(`列对应有误：${labels[field]}对应的第 ${index + 1} 列不存在`);
      const other = chosen.get(index);
      if (other) throw validationError(`列对应有误：「${headers[index]}」一列不能同时作为${labels[other]}和${labels[field]}`);
      chosen.set(index, field);
      mapping[field] = index;
    }
    for (const field of fields) {
      const guess = suggested[field];
      if (requested[field] === undefined && guess !== null && !chosen.has(guess)) mapping[field] = guess;
    }
    return mapping;
  };

  return { emptyMapping, suggestMapping, countKnownHeaders, resolveMapping };
};

/** How many headers of a row look like a register's columns, from its aliases alone (what crosses to the reading worker). */
export const headerCounter = (aliases: HeaderAliases) => {
  const fields = Object.keys(aliases);
  return registerColumns({ fields, labels: Object.fromEntries(fields.map((field) => [field, field])), aliases }).countKnownHeaders;
};
