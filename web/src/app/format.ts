/** Display formatting shared by pages. */
import dayjs from 'dayjs';

/** `2026-03-01 09:30:00`, or a dash for empty values. */
export const formatDateTime = (value: string | null | undefined): string =>
  value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—';

/** Turns an empty form string into null, trimming the rest. */
export const emptyToNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};
