/**
 * The template's arithmetic (国办公开办函〔2021〕30号), checked on built tables: within table 三 每列
 * 第一项加第二项之和等于第三项加第四项之和, (七)总计 is the sum of (一)–(六), every 总计 column the sum
 * of its row; in table 四 every 总计 the sum of its four results; in table 二 last year's 现行有效
 * plus 制发 less 废止 is this year's. A failed rule names the cell, so a hand-edited or mis-built
 * report is caught before it is published.
 */
import type { AnnualReportView, ReportCheck, ReportRow, ReportTable } from '../../../../common/schemas/disclosure.js';

const rowOf = (table: ReportTable, key: string): ReportRow | undefined => table.rows.find((row) => row.key === key);
const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);

const check = (rule: string, failures: readonly string[]): ReportCheck => ({
  rule,
  isOk: failures.length === 0,
  detail: failures.length === 0 ? '相符' : failures.join('；'),
});

/** Table 三, column by column and row by row. */
const requestChecks = (table: ReportTable): ReportCheck[] => {
  const newThisYear = rowOf(table, 'newThisYear');
  const carriedOver = rowOf(table, 'carriedOver');
  const total = rowOf(table, 'total');
  const carriedForward = rowOf(table, 'carriedForward');
  if (!newThisYear || !carriedOver || !total || !carriedForward) return [check('表三结构', ['缺少必需的行'])];
  const results = table.rows.filter((row) => row.group?.startsWith('三、本年度办理结果') && row.key !== 'total');
  const columnFailures = (compute: (column: number) => [number, number], name: string) =>
    table.columns.flatMap((column, index) => {
      const [left, right] = compute(index);
      return left === right ? [] : [`${column.replace('·', '')}列：${name} ${left} ≠ ${right}`];
    });
  return [
    check(
      '表三：每列“一、本年新收”加“二、上年结转”等于“（七）总计”加“四、结转下年度继续办理”',
      columnFailures((index) => [newThisYear.cells[index]! + carriedOver.cells[index]!, total.cells[index]! + carriedForward.cells[index]!], '一+二 与 （七）+四'),
    ),
    check(
      '表三：“（七）总计”等于（一）至（六）各项之和',
      columnFailures((index) => [total.cells[index]!, sum(results.map((row) => row.cells[index]!))], '（七）总计 与 各项之和'),
    ),
    check(
      '表三：每行“总计”等于自然人与各类法人或其他组织之和',
      table.rows.flatMap((row) => {
        const expected = sum(row.cells.slice(0, -1));
        return row.cells.at(-1) === expected ? [] : [`${row.label}：总计 ${row.cells.at(-1)} ≠ ${expected}`];
      }),
    ),
  ];
};

/** Table 四: each group's 总计 is its four results. */
const proceedingChecks = (table: ReportTable): ReportCheck[] => {
  const failures = table.rows.flatMap((row) =>
    [0, 1, 2].flatMap((group) => {
      const cells = row.cells.slice(group * 5, group * 5 + 5);
      const expected = sum(cells.slice(0, 4));
      const name = table.columns[group * 5]!.replace(/·结果维持$/, '');
      return cells[4] === expected ? [] : [`${name}：总计 ${cells[4]} ≠ ${expected}`];
    }),
  );
  return [check('表四：行政复议、两类行政诉讼的“总计”各等于结果维持、结果纠正、其他结果、尚未审结之和', failures)];
};

/** Table 二: 上年现行有效 + 本年制发 − 本年废止 = 本年现行有效, for 规章 and 行政规范性文件. */
const publishedChecks = (table: ReportTable, previousInForce: Record<string, number>): ReportCheck[] => {
  const failures = Object.entries(previousInForce).flatMap(([category, before]) => {
    const row = rowOf(table, category);
    if (!row) return [`缺少${category}行`];
    const [issued, repealed, inForce] = row.cells as [number, number, number];
    return before + issued - repealed === inForce ? [] : [`${category}：上年末现行有效 ${before} + 制发 ${issued} − 废止 ${repealed} ≠ 现行有效 ${inForce}`];
  });
  return [check('表二：上年末现行有效件数加本年制发、减本年废止，等于现行有效件数', failures)];
};

/** Every rule of the template on a report's tables; `previousInForce` is last year's 现行有效 by category. */
export const checkAnnualReport = (report: Pick<AnnualReportView, 'published' | 'requests' | 'proceedings'>, previousInForce: Record<string, number>): ReportCheck[] => [
  ...publishedChecks(report.published, previousInForce),
  ...requestChecks(report.requests),
  ...proceedingChecks(report.proceedings),
];
