/** System configuration kept in the database (app_settings), read with defaults declared in code. */
import { z } from 'zod';
import { appSettings } from '../db/schema/index.js';
import type { SettingView } from '../../../common/schemas/system.js';
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
  /** Working days from a meeting to its 纪要 issued (the seeds: 3 个工作日内印发). */
  'minutes.issueDays': 3,
  /** The office day clocks in working hours count (hhmm): 08:30–12:00 and 13:30–17:30. */
  'office.amFrom': 830,
  'office.amTo': 1200,
  'office.pmFrom': 1330,
  'office.pmTo': 1730,
  /** Days (日) from 交办 within which a unit that is not responsible may return a 建议/提案 (the rules: 10 日). */
  'proposal.returnDays': 10,
  /** 12345: working hours a unit has to 签收 a ticket; working days to 办结 it from the 签收, by type (应急: the same day). */
  'hotline.signHours': 2,
  'hotline.days.emergency': 0,
  'hotline.days.consult': 3,
  'hotline.days.help': 3,
  'hotline.days.complaint': 13,
  'hotline.days.report': 13,
  'hotline.days.suggestion': 13,
  'hotline.days.praise': 3,
  /** 12345: days back a new ticket is compared with (same caller or address, same category) for 归并. */
  'hotline.duplicateDays': 7,
  /** 12345 热点: a category in one 街乡 is a 突增 with at least this many tickets in the week and at least this
   * percent of its mean over the weeks before (or none in them): local rules, like the time limits. */
  'hotline.surgeMinCount': 5,
  'hotline.surgePercent': 300,
  'hotline.surgeWeeks': 4,
} as const;

export type SettingKey = keyof typeof settingDefaults;

/** The known keys, as a schema: anything else (`toString`, `__proto__`, a typo) is refused before any write. */
export const SettingKey = z.enum(Object.keys(settingDefaults) as [SettingKey, ...SettingKey[]], { message: '没有这个配置项' });

export const getSetting = async <K extends SettingKey>(db: Db, key: K): Promise<(typeof settingDefaults)[K]> =>
  (await listSettingValues(db))[key] as (typeof settingDefaults)[K];

export const settingSchemas: Record<SettingKey, { label: string; min: number; max: number }> = {
  'reminder.dueSoonWorkdays': { label: '临期提醒：到期前几个工作日变黄', min: 1, max: 30 },
  'incoming.dueDays.extraUrgent': { label: '收文承办时限（特急，工作日）', min: 1, max: 30 },
  'incoming.dueDays.urgent': { label: '收文承办时限（加急，工作日）', min: 1, max: 60 },
  'incoming.dueDays.normal': { label: '收文承办时限（平急，工作日）', min: 1, max: 120 },
  'incoming.requestReplyDays': { label: '基层请示答复时限（工作日）', min: 1, max: 120 },
  'minutes.issueDays': { label: '会议纪要印发时限（会议后工作日）', min: 1, max: 30 },
  'office.amFrom': { label: '上午上班时间（时分，如 830 表示 08:30）', min: 0, max: 2359 },
  'office.amTo': { label: '上午下班时间（时分，如 1200 表示 12:00）', min: 0, max: 2359 },
  'office.pmFrom': { label: '下午上班时间（时分，如 1330 表示 13:30）', min: 0, max: 2359 },
  'office.pmTo': { label: '下午下班时间（时分，如 1730 表示 17:30）', min: 0, max: 2359 },
  'proposal.returnDays': { label: '建议提案退回期限（交办之日起，日）', min: 1, max: 60 },
  'hotline.signHours': { label: '12345工单签收时限（派单后工作小时）', min: 1, max: 48 },
  'hotline.days.emergency': { label: '12345应急类工单办结时限（签收后工作日，0 为当日）', min: 0, max: 5 },
  'hotline.days.consult': { label: '12345咨询类工单办结时限（签收后工作日）', min: 1, max: 60 },
  'hotline.days.help': { label: '12345求助类工单办结时限（签收后工作日）', min: 1, max: 60 },
  'hotline.days.complaint': { label: '12345投诉类工单办结时限（签收后工作日）', min: 1, max: 60 },
  'hotline.days.report': { label: '12345举报类工单办结时限（签收后工作日）', min: 1, max: 60 },
  'hotline.days.suggestion': { label: '12345建议类工单办结时限（签收后工作日）', min: 1, max: 60 },
  'hotline.days.praise': { label: '12345表扬类工单办结时限（签收后工作日）', min: 1, max: 60 },
  'hotline.duplicateDays': { label: '12345重复工单比对天数（同一来电人或地址、同一分类）', min: 1, max: 90 },
  'hotline.surgeMinCount': { label: '12345热点突增：某分类在某街乡一周至少多少件', min: 2, max: 10000 },
  'hotline.surgePercent': { label: '12345热点突增：一周件数至少为前几周周均的百分之几（300 即 3 倍）', min: 110, max: 10000 },
  'hotline.surgeWeeks': { label: '12345热点突增：与前几周的周均比较（周数）', min: 1, max: 12 },
};

const hhmm = (value: number): string | null => {
  const hour = Math.floor(value / 100);
  const minute = value % 100;
  return Number.isInteger(value) && hour < 24 && minute < 60 ? `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` : null;
};

/** The office day as periods ('08:30'–'12:00', '13:30'–'17:30'), or why the settings do not make one. */
export const officeDayOf = (values: Readonly<Record<SettingKey, number>>): { periods: Array<{ from: string; to: string }> } | { error: string } => {
  const times = (['office.amFrom', 'office.amTo', 'office.pmFrom', 'office.pmTo'] as const).map((key) => hhmm(values[key]));
  if (times.some((time) => time === null)) return { error: '办公时间须为有效的时分（如 830、1730）' };
  const [amFrom, amTo, pmFrom, pmTo] = times as [string, string, string, string];
  if (!(amFrom < amTo && amTo <= pmFrom && pmFrom < pmTo)) return { error: '办公时间须依次为：上午上班 < 上午下班 ≤ 下午上班 < 下午下班' };
  return { periods: [{ from: amFrom, to: amTo }, { from: pmFrom, to: pmTo }] };
};

/** Why a set of values cannot be saved together (the office day), or undefined. */
export const crossCheckSettings = (values: Readonly<Record<SettingKey, number>>): string | undefined => {
  const day = officeDayOf(values);
  return 'error' in day ? day.error : undefined;
};

// Settings are read on every action and change rarely: a few seconds of cache per process (cleared
// by this process's own changes) keeps them off the hot path; other processes catch up within seconds.
// Only values already read are shared: a pending read belongs to the connection that started it, and a
// transaction waiting on another connection's read could wait for a pool its peers hold (a deadlock).
const CACHE_MS = 5_000;
let cached: { at: number; values: Record<SettingKey, number> } | undefined;

export const forgetCachedSettings = (): void => {
  cached = undefined;
};

/** Every setting's current value, for declarations that read several. */
export const listSettingValues = async (db: Db): Promise<Record<SettingKey, number>> => {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.values;
  const rows = await db.select().from(appSettings);
  const values = { ...settingDefaults } as Record<SettingKey, number>;
  for (const row of rows) if (Object.hasOwn(values, row.key)) values[row.key as SettingKey] = JSON.parse(row.value) as number;
  cached = { at: Date.now(), values };
  return values;
};

export const listSettings = async (db: Db): Promise<SettingView[]> => {
  const rows = await db.select().from(appSettings);
  return (Object.keys(settingDefaults) as SettingKey[]).map((key) => {
    const row = rows.find((item) => item.key === key);
    const { label, min, max } = settingSchemas[key];
    return { key, label, min, max, defaultValue: settingDefaults[key], value: row ? (JSON.parse(row.value) as number) : settingDefaults[key], version: row?.version ?? 0 };
  });
};
