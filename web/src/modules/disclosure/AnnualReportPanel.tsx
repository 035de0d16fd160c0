/**
 * The 政府信息公开工作年度报告 of a year as the template prints it: 总体情况, the three tables (the
 * same grid as the .xlsx and .docx), the template's arithmetic checks, notes, and the two downloads.
 */
import { CheckCircleOutlined, CloseCircleOutlined, FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Skeleton, Space, Typography } from 'antd';
import { layoutTable } from '../../../../common/documents/report-grid.js';
import type { ReportTable } from '../../../../common/schemas/disclosure.js';
import { annualReportUrl, useAnnualReport } from './api.js';
import './disclosure.css';

const GridTable = ({ table }: { table: ReportTable }) => {
  const grid = layoutTable(table);
  return (
    <div className="fb-report-scroll">
      <table className="fb-report-table" aria-label={table.title}>
        <tbody>
          {grid.rows.map((cells, rowIndex) => (
            <tr key={rowIndex}>
              {cells.map((cell, columnIndex) => {
                if (!cell) return null;
                const Cell = cell.isHeader ? 'th' : 'td';
                return (
                  <Cell key={columnIndex} colSpan={cell.colSpan} rowSpan={cell.rowSpan} className={cell.value !== undefined ? 'fb-report-number' : undefined}>
                    {cell.text}
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export const AnnualReportPanel = ({ year }: { year: number }) => {
  const { data: report, error, isPending } = useAnnualReport(year);
  if (isPending) return <Skeleton active />;
  if (error || !report) return <Alert type="error" showIcon title="年度报告生成失败" description={error?.message} />;
  const failed = report.checks.filter((check) => !check.isOk);
  return (
    <Flex vertical gap="large">
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {report.organName}
          {report.year}年政府信息公开工作年度报告
        </Typography.Title>
        <Space wrap>
          <Button icon={<FileExcelOutlined />} href={annualReportUrl(year, 'xlsx')} download>
            下载表格（Excel）
          </Button>
          <Button icon={<FileWordOutlined />} href={annualReportUrl(year, 'docx')} download>
            下载报告（Word）
          </Button>
        </Space>
      </Flex>
      {failed.length > 0 ? (
        <Alert type="error" showIcon title="勾稽关系不符，请核对" description={failed.map((check) => `${check.rule}：${check.detail}`).join('；')} />
      ) : (
        <Alert type="success" showIcon title={`表格勾稽关系检查：${report.checks.length} 项全部相符`} />
      )}
      <section>
        <Typography.Title level={5}>一、总体情况</Typography.Title>
        {report.overview.map((line) => (
          <Typography.Paragraph key={line}>{line}</Typography.Paragraph>
        ))}
      </section>
      {[report.published, report.requests, report.proceedings].map((table) => (
        <section key={table.title}>
          <Typography.Title level={5}>{table.title}</Typography.Title>
          <GridTable table={table} />
        </section>
      ))}
      <section>
        <Typography.Title level={5}>勾稽关系检查</Typography.Title>
        <ul className="fb-report-checks">
          {report.checks.map((check) => (
            <li key={check.rule}>
              {check.isOk ? <CheckCircleOutlined style={{ color: '#389e0d' }} /> : <CloseCircleOutlined style={{ color: '#cf1322' }} />} {check.rule}：{check.detail}
            </li>
          ))}
        </ul>
      </section>
      <section>
        <Typography.Title level={5}>说明</Typography.Title>
        {report.notes.map((note) => (
          <Typography.Paragraph key={note} type="secondary">
            {note}
          </Typography.Paragraph>
        ))}
      </section>
    </Flex>
  );
};
