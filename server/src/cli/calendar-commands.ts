/**
 * `fuban calendar …`: the working-day calendar as the server sees it (the holiday package
 * plus the overrides in the database), for checking a deadline by hand.
 */
import { buildCalendar } from '../engine/calendar/calendar.js';
import { loadCalendar, missingDataWarning } from '../engine/calendar/calendar.service.js';
import { toEpochDay } from '../engine/calendar/dates.js';
import { restDayRuns } from '../engine/clocks/rest-days.js';
import type { Db } from '../platform/db.js';
import { CliError } from './admin-commands.js';

export type WithDatabase = <T>(work: (db: Db) => Promise<T>) => Promise<T>;

export const calendarUsage = `  calendar add-workdays <日期> <n>
                    日期之后的第 n 个工作日（日期当天不计入；n 为负数时向前数）
  calendar between <起> <止>
                    两日之间的工作日数（不含起日，含止日）及其间的休息日
  calendar check <年>
                    该年是否已有国务院办公厅节假日安排数据`;

const date = (value: string | undefined, what: string): string => {
  if (!value) throw new CliError(`请指定${what}（YYYY-MM-DD）`);
  toEpochDay(value);
  return value;
};

const addWorkdays = (args: string[], withDatabase: WithDatabase) => {
  const from = date(args[0], '日期');
  // Not parseArgs: it would read "-1" as an option.
  if (!/^-?\d+$/.test(args[1] ?? '') || Number(args[1]) === 0) throw new CliError('请指定非零整数的工作日数：calendar add-workdays <日期> <n>');
  return withDatabase(async (db) => (await loadCalendar({ db })).addWorkdays(from, Number(args[1])));
};

const between = (args: string[], withDatabase: WithDatabase) => {
  const from = date(args[0], '起始日期');
  const to = date(args[1], '截止日期');
  return withDatabase(async (db) => {
    const calendar = await loadCalendar({ db });
    const lines = [`${from} 至 ${to}：${calendar.workdaysBetween(from, to)} 个工作日（不含 ${from}，含 ${to}）`];
    const runs = restDayRuns(calendar, calendar.restDaysBetween(from, to));
    if (runs.length > 0) {
      lines.push(`其间休息日：${runs.map((run) => `${run.from === run.to ? run.from : `${run.from} 至 ${run.to}`} ${run.name ?? '周末'}`).join('；')}`);
    }
    return lines.join('\n');
  });
};

const check = (args: string[], withDatabase: WithDatabase) => {
  if (!/^\d{4}$/.test(args[0] ?? '')) throw new CliError('请指定年份：calendar check <年>，如 calendar check 2027');
  const year = Number(args[0]);
  return withDatabase(async (db) => {
    const calendar = await loadCalendar({ db });
    if (!calendar.hasOfficialData(year)) {
      return [
        `${missingDataWarning(year)}。`,
        `处理办法：系统管理员在「工作日历」中按国务院办公厅 ${year} 年部分节假日安排的通知，逐日录入放假日（放假）和调休上班日（上班），`,
        `并填写通知文号作为依据；或升级 chinese-days 软件包（npm update chinese-days）后重启服务。`,
      ].join('\n');
    }
    const fromPackage = buildCalendar({ overrides: [] }).hasOfficialData(year);
    return `${year} 年已有国务院办公厅节假日安排数据（${fromPackage ? '来自 chinese-days 软件包' : '来自「工作日历」中录入的调整'}），期限按该年的放假和调休安排计算。`;
  });
};

/** Runs `calendar <subcommand> …`; main.ts passes its withDatabase so the database is opened the same way. */
export const calendarCommand = async (args: string[], withDatabase: WithDatabase): Promise<string> => {
  const [subcommand, ...rest] = args;
  if (subcommand === 'add-workdays') return addWorkdays(rest, withDatabase);
  if (subcommand === 'between') return between(rest, withDatabase);
  if (subcommand === 'check') return check(rest, withDatabase);
  throw new CliError(`未知的 calendar 子命令：${subcommand ?? '（无）'}\n\n${calendarUsage}`);
};
