/**
 * The records behind a number, newest first, each opening its case — or, for a metric over a
 * register (主动公开登记), its entries with a link to the register; what the user may not open is only counted.
 */
import { Alert, Drawer, Grid, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseSummary } from '../../../../common/schemas/cases.js';
import type { MetricDefinitionView, MetricRegisterEntry } from '../../../../common/schemas/metrics.js';
import { formatDateTime } from '../../app/time.js';
import { DueTag } from '../../components/DueTag.js';
import { casePath } from '../cases/api.js';
import { type MetricSearch, useMetricRecords } from './api.js';

const columns: TableColumnsType<CaseSummary> = [
  { title: '编号', dataIndex: 'serialNo', key: 'serialNo', width: 140 },
  { title: '标题', dataIndex: 'title', key: 'title', render: (title: string, item) => <Link to={casePath(item.kind, item.id)}>{title}</Link> },
  { title: '类型', dataIndex: 'kindLabel', key: 'kindLabel', width: 100 },
  { title: '状态', dataIndex: 'stateLabel', key: 'stateLabel', width: 90 },
  { title: '办理时限', key: 'due', width: 150, render: (_value, item) => <DueTag dueDate={item.dueDate} status={item.dueStatus} /> },
  { title: '登记时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: formatDateTime },
];

const entryColumns = (registerPath: string | null): TableColumnsType<MetricRegisterEntry> => [
  { title: '日期', dataIndex: 'date', key: 'date', width: 110 },
  {
    title: '名称',
    dataIndex: 'title',
    key: 'title',
    // An entry with a page of its own (a ticket behind a 热线 rate) opens it; the others open the register.
    render: (title: string, entry) => (entry.path ? <Link to={entry.path}>{title}</Link> : registerPath ? <Link to={registerPath}>{title}</Link> : title),
  },
  { title: '单位', dataIndex: 'unitName', key: 'unitName', width: 160 },
  { title: '说明', dataIndex: 'labels', key: 'labels', width: 300, render: (labels: string[]) => labels.filter(Boolean).join('；') },
];

export const MetricRecordsDrawer = ({
  definition,
  search,
  periodText,
  onClose,
}: {
  definition: MetricDefinitionView;
  search: MetricSearch;
  periodText: string;
  onClose: () => void;
}) => {
  const screens = Grid.useBreakpoint();
  const { data, isFetching } = useMetricRecords(definition.id, search);
  const isRegister = Boolean(data && (data.entries.length > 0 || data.registerPath));
  const noun = isRegister ? '条' : '件';
  const notes = data
    ? [
        `共 ${data.total} ${noun}`,
        data.hiddenCount ? `其中 ${data.hiddenCount} ${noun}不在您的查看范围内，只计数不列出` : '',
        data.isTruncated ? `只列出最新的 ${data.limit} ${noun}` : '',
      ].filter(Boolean)
    : [];
  return (
    <Drawer open title={`${definition.label} · 明细`} onClose={onClose} size={screens.md ? 960 : '100%'} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        {periodText}
        {data?.scopeUnit ? ` · ${data.scopeUnit.name}` : ''}。{definition.description}
      </Typography.Paragraph>
      {data && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`${notes.join('，')}。`} />}
      {isRegister && data ? (
        <Table<MetricRegisterEntry>
          rowKey="id"
          size="small"
          columns={entryColumns(data.registerPath)}
          dataSource={data.entries}
          loading={isFetching}
          scroll={{ x: 860 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: '没有记录' }}
        />
      ) : (
        <Table<CaseSummary>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data?.items}
          loading={isFetching}
          scroll={{ x: 860 }}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: '没有记录' }}
        />
      )}
    </Drawer>
  );
};
