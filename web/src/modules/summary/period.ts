/** The dates a template's period covers, from the year or month chosen (and the half, for a half-year). */
import type { Dayjs } from 'dayjs';
import type { PeriodKind } from '../../../../common/schemas/summary.js';

export const rangeOf = (periodKind: PeriodKind, at: Dayjs, half: 1 | 2 = 1): { from: string; to: string } => {
  if (periodKind === 'month') return { from: at.startOf('month').format('YYYY-MM-DD'), to: at.endOf('month').format('YYYY-MM-DD') };
  if (periodKind === 'half') return half === 1 ? { from: `${at.year()}-01-01`, to: `${at.year()}-06-30` } : { from: `${at.year()}-07-01`, to: `${at.year()}-12-31` };
  return { from: `${at.year()}-01-01`, to: `${at.year()}-12-31` };
};
