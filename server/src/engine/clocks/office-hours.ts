/** The office day clocks in working hours count, from the settings (checked when saved). */
import type { Db } from '../../platform/db.js';
import { listSettingValues, officeDayOf } from '../../platform/settings.js';
import { defaultOfficeHours, type OfficeHours } from '../calendar/working-hours.js';

export const loadOfficeHours = async (db: Db): Promise<OfficeHours> => {
  const day = officeDayOf(await listSettingValues(db));
  // Saved values are checked together; a row written around the route falls back to the usual day.
  return 'error' in day ? defaultOfficeHours : day;
};
