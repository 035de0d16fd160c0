/** System configuration kept in the database (app_settings), read with defaults declared in code. */
import { appSettings } from '../db/schema/index.js';
import type { Db } from './db.js';

export const settingDefaults = {
  /** A case or assignment turns 临期 (yellow) this many working days before it is due. */
  'reminder.dueSoonWorkdays': 3,
  /** 收文 承办 time limits by urgency (working days), when 交办 names none. */
  'incoming.dueDays.extraUrgent': 1,
  'incoming.dueDays.urgent': 3,
  'incoming.dueDays.normal': 10,
  /** Working days a 基层请示 is to be answered in, unless registered with its own. */
  'incoming.requestReplyDays': 10,
} as const;

export type SettingKey = keyof typeof settingDefaults;

export const getSetting = async <K extends SettingKey>(db: Db, key: K): Promise<(typeof settingDefaults)[K]> =>
  (await listSettingValues(db))[key] as (typeof settingDefaults)[K];

export const settingSchemas: Record<SettingKey, { label: string; min: number; max: number }> = {
  'reminder.dueSoonWorkdays': { label: '临期提醒：到期前几个工作日变黄', min: 1, max: 30 },
  'incoming.dueDays.extraUrgent': { label: '收文承办时限（特急，工作日）', min: 1, max: 30 },
  'incoming.dueDays.urgent': { label: '收文承办时限（加急，工作日）', min: 1, max: 60 },
  'incoming.dueDays.normal': { label: '收文承办时限（平急，工作日）', min: 1, max: 120 },
  'incoming.requestReplyDays': { label: '基层请示答复时限（工作日）', min: 1, max: 120 },
};

// Settings are read on every action and change rarely: a few seconds of cache per process (cleared
// by this process's own changes) keeps them off the hot path; other processes catch up within seconds.
const CACHE_MS = 5_000;
let cached: { at: number; values: Promise<Record<SettingKey, number>> } | undefined;

export const forgetCachedSettings = (): void => {
  cached = undefined;
};

/** Every setting's current value, for declarations that read several. */
export const listSettingValues = async (db: Db): Promise<Record<SettingKey, number>> => {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.values;
  const values = db
    .select()
    .from(appSettings)
    .then((rows) => {
      const result = { ...settingDefaults } as Record<SettingKey, number>;
      for (const row of rows) if (row.key in result) result[row.key as SettingKey] = JSON.parse(row.value) as number;
      return result;
    });
  cached = { at: Date.now(), values };
  values.catch(() => forgetCachedSettings());
  return values;
};

export const listSettings = async (db: Db) => {
  const rows = await db.select().from(appSettings);
  return (Object.keys(settingDefaults) as SettingKey[]).map((key) => {
    const row = rows.find((item) => item.key === key);
    return { key, label: settingSchemas[key].label, value: row ? (JSON.parse(row.value) as number) : settingDefaults[key], version: row?.version ?? 0 };
  });
};
