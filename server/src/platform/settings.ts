/** System configuration kept in the database (app_settings), read with defaults declared in code. */
import { eq } from 'drizzle-orm';
import { appSettings } from '../db/schema/index.js';
import type { Db } from './db.js';

export const settingDefaults = {
  /** A case or assignment turns 临期 (yellow) this many working days before it is due. */
  'reminder.dueSoonWorkdays': 3,
} as const;

export type SettingKey = keyof typeof settingDefaults;

export const getSetting = async <K extends SettingKey>(db: Db, key: K): Promise<(typeof settingDefaults)[K]> => {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return row ? (JSON.parse(row.value) as (typeof settingDefaults)[K]) : settingDefaults[key];
};

export const settingSchemas: Record<SettingKey, { label: string; min: number; max: number }> = {
  'reminder.dueSoonWorkdays': { label: '临期提醒：到期前几个工作日变黄', min: 1, max: 30 },
};

export const listSettings = async (db: Db) => {
  const rows = await db.select().from(appSettings);
  return (Object.keys(settingDefaults) as SettingKey[]).map((key) => {
    const row = rows.find((item) => item.key === key);
    return { key, label: settingSchemas[key].label, value: row ? (JSON.parse(row.value) as number) : settingDefaults[key], version: row?.version ?? 0 };
  });
};
