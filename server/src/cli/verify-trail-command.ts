/**
 * `fuban verify-trail`: walks every case's 留痕 hash chain (verifyAllTrails) and names each
 * broken case by its serial number, the first broken record and why. A case with no
 * trail at all (its 登记 record removed with the rest) is reported too.
 */
import { inArray, sql } from 'drizzle-orm';
import { cases } from '../db/schema/index.js';
import { rowsOf, type Db } from '../platform/db.js';
import { verifyAllTrails } from '../engine/cases/trail.js';
import { CliError } from './admin-commands.js';

export type TrailReport = {
  checkedCases: number;
  checkedEvents: number;
  problems: Array<{ caseId: string; serialNo: string; seq: number | null; eventId: number | null; reason: string }>;
};

export const checkTrails = async (db: Db): Promise<TrailReport> => {
  const { checkedCases, checkedEvents, breaks } = await verifyAllTrails(db);
  const serials = new Map<string, string>();
  for (let start = 0; start < breaks.length; start += 1_000) {
    const ids = breaks.slice(start, start + 1_000).map((item) => item.caseId);
    const rows = await db.select({ id: cases.id, serialNo: cases.serialNo }).from(cases).where(inArray(cases.id, ids));
    for (const row of rows) serials.set(row.id, row.serialNo);
  }
  const problems: TrailReport['problems'] = breaks.map((item) => ({
    caseId: item.caseId,
    serialNo: serials.get(item.caseId) ?? `（事项 ${item.caseId} 已不存在）`,
    seq: item.seq,
    eventId: item.eventId,
    reason: item.reason,
  }));
  // Every case is registered with a first record: a case with none lost its whole trail.
  const bare = rowsOf<{ id: string; serial_no: string }>(
    await db.execute(sql`select c.id, c.serial_no from ${cases} c
      where not exists (select 1 from case_events e where e.case_id = c.id) order by c.serial_no`),
  );
  for (const row of bare) {
    problems.push({ caseId: row.id, serialNo: row.serial_no, seq: null, eventId: null, reason: '没有任何留痕记录（登记记录已被删除）' });
  }
  return { checkedCases: checkedCases + bare.length, checkedEvents, problems };
};

export const formatTrailReport = (report: TrailReport): string => {
  if (report.problems.length === 0) {
    return `已校验 ${report.checkedCases} 个事项、${report.checkedEvents} 条留痕记录，全部完好`;
  }
  const lines = report.problems.map((problem) =>
    problem.seq === null
      ? `  ${problem.serialNo}：${problem.reason}`
      : `  ${problem.serialNo}：第 ${problem.seq} 条记录（事件编号 ${problem.eventId}）${problem.reason}`,
  );
  return [
    `已校验 ${report.checkedCases} 个事项、${report.checkedEvents} 条留痕记录，发现 ${report.problems.length} 个事项的留痕被破坏：`,
    ...lines,
  ].join('\n');
};

/** The command: the summary line when every chain holds; otherwise a CliError (exit code 1) listing each broken case. */
export const verifyTrailCommand = async (db: Db): Promise<string> => {
  const report = await checkTrails(db);
  const text = formatTrailReport(report);
  if (report.problems.length > 0) throw new CliError(text);
  return text;
};
