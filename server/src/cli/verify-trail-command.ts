/**
 * `fuban verify-trail`: walks every case's 留痕 hash chain (verifyAllTrails) and names each
 * broken case by its serial number, the first broken record and why. A case with no
 * trail at all (its 登记 record removed with the rest) is reported too.
 */
import { inArray, sql } from 'drizzle-orm';
import { cases } from '../db/schema/index.js';
import { rowsOf, type Db } from '../platform/db.js';
import { verifyAllTrails } from '../engine/cases/trail.js';
import { verifyAuditChain, type AuditBreak } from '../platform/audit-chain.js';
import { CliError } from './admin-commands.js';

export type TrailReport = {
  checkedCases: number;
  checkedEvents: number;
  problems: Array<{ caseId: string; serialNo: string; seq: number | null; eventId: number | null; reason: string; isAfter?: boolean }>;
  checkedAuditRows: number;
  auditProblem: AuditBreak | undefined;
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
    isAfter: item.isAfter,
  }));
  // Every case is registered with a first record: a case with none lost its whole trail.
  const bare = rowsOf<{ id: string; serial_no: string }>(
    await db.execute(sql`select c.id, c.serial_no from ${cases} c
      where not exists (select 1 from case_events e where e.case_id = c.id) order by c.serial_no`),
  );
  for (const row of bare) {
    problems.push({ caseId: row.id, serialNo: row.serial_no, seq: null, eventId: null, reason: '没有任何留痕记录（登记记录已被删除）' });
  }
  const audit = await verifyAuditChain(db);
  return { checkedCases: checkedCases + bare.length, checkedEvents, problems, checkedAuditRows: audit.checkedRows, auditProblem: audit.problem };
};

const describeAudit = (problem: AuditBreak): string =>
  problem.auditId === null
    ? `  审计日志 ${problem.lane} 号链：第 ${problem.seq} 条${problem.reason}`
    : `  审计日志 ${problem.lane} 号链：第 ${problem.seq} 条（记录编号 ${problem.auditId}）${problem.reason}`;

export const formatTrailReport = (report: TrailReport): string => {
  const checked = `已校验 ${report.checkedCases} 个事项、${report.checkedEvents} 条留痕记录、${report.checkedAuditRows} 条审计记录`;
  if (report.problems.length === 0 && !report.auditProblem) return `${checked}，全部完好`;
  const lines = report.problems.map((problem) =>
    problem.seq === null
      ? `  ${problem.serialNo}：${problem.reason}`
      : `  ${problem.serialNo}：第 ${problem.seq} 条记录（事件编号 ${problem.eventId}）${problem.isAfter ? '之后' : ''}${problem.reason}`,
  );
  return [
    `${checked}，发现 ${report.problems.length} 个事项的留痕被破坏${report.auditProblem ? '，审计日志被破坏' : ''}：`,
    ...lines,
    ...(report.auditProblem ? [describeAudit(report.auditProblem)] : []),
  ].join('\n');
};

/** The command: the summary line when every chain holds; otherwise a CliError (exit code 1) listing each broken case. */
export const verifyTrailCommand = async (db: Db): Promise<string> => {
  const report = await checkTrails(db);
  const text = formatTrailReport(report);
  if (report.problems.length > 0 || report.auditProblem) throw new CliError(text);
  return text;
};
