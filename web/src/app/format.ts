/** Display formatting shared by pages (date-times: time.ts, in Beijing time). */

/** Turns an empty form string into null, trimming the rest. */
export const emptyToNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};
