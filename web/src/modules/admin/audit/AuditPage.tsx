/** 审计日志: filter by time, actor, action and result; newest first as the server orders it. */
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { formatDateTime, fromPickerValue, DatePicker } from '../../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { isRole, roles } from '../../../../../common/access.js';
import { type AuditEntry, auditActionLabels } from '../../../../../common/schemas/security.js';
import { PageContainer } from '../../../components/PageContainer.js';
import { type AuditSearch, useAuditLog } from './api.js';

type FilterValues = {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  result?: 'success' | 'failure';
};

type Filters = Omit<AuditSearch, 'limit' | 'offset'>;

const actionOptions = Object.entries(auditActionLabels).map(([value, label]) => ({ value, label }));
const resultOptions = [
  { value: 'success', label: '成功' },
  { value: 'failure', label: '失败' },
];

const toFilters = (values: FilterValues): Filters => ({
  // The range is typed in Beijing time: 2026-03-01T09:30:00+08:00.
  from: values.range?.[0] ? fromPickerValue(values.range[0]) : undefined,
  to: values.range?.[1] ? fromPickerValue(values.range[1]) : undefined,
  actor: values.actor?.trim() || undefined,
  action: values.action || undefined,
  result: values.result || undefined,
});

const describeObject = (entry: AuditEntry): string => {
  if (entry.objectLabel) return entry.objectLabel;
  if (entry.objectType || entry.objectId) return [entry.objectType, entry.objectId].filter(Boolean).join(' ');
  return '—';
};

const columns: TableColumnsType<AuditEntry> = [
  { title: '时间', dataIndex: 'at', key: 'at', width: 180, render: formatDateTime },
  {
    title: '操作人',
    key: 'actor',
    width: 140,
    // The person's name; the login name (what the 操作人 filter searches) on hover.
    render: (_value, entry) =>
      entry.actorDisplayName ? (
        <span title={`用户名：${entry.actorName ?? ''}`}>{entry.actorDisplayName}</span>
      ) : entry.actorName === 'fuban-cli' ? (
        <span title="fuban-cli">服务器命令行</span>
      ) : (
        (entry.actorName ?? '—')
      ),
  },
  { title: 'IP 地址', dataIndex: 'ip', key: 'ip', width: 150, render: (value: string | null) => value ?? '—' },
  {
    title: '操作',
    dataIndex: 'action',
    key: 'action',
    width: 140,
    render: (action: string) => <span title={action}>{auditActionLabels[action] ?? action}</span>,
  },
  { title: '对象', key: 'object', render: (_value, entry) => describeObject(entry) },
  {
    title: '结果',
    dataIndex: 'result',
    key: 'result',
    width: 90,
    render: (result: AuditEntry['result']) =>
      result === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>,
  },
];

/** Role codes in the details (e.g. a grant's before/after) read as their Chinese names. */
const readableValue = (_key: string, value: unknown) => (isRole(value) ? roles[value].label : value);

const DetailsView = ({ entry }: { entry: AuditEntry }) => (
  <Typography.Paragraph style={{ margin: 0 }}>
    <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontSize: 12 }}>{JSON.stringify(entry.details, readableValue, 2)}</pre>
  </Typography.Paragraph>
);

export const AuditPage = () => {
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const { data, isFetching, refetch } = useAuditLog({
    ...filters,
    limit: page.pageSize,
    offset: (page.current - 1) * page.pageSize,
  });

  const apply = (values: FilterValues) => {
    setFilters(toFilters(values));
    setPage((previous) => ({ ...previous, current: 1 }));
  };

  return (
    <PageContainer
      title="审计日志"
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void refetch()}>
          刷新
        </Button>
      }
    >
      <Form<FilterValues> form={form} name="audit-filter" layout="inline" onFinish={apply} style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item label="时间" name="range">
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[true, true]}
            style={{ width: 300 }}
          />
        </Form.Item>
        <Form.Item label="操作人" name="actor">
          <Input placeholder="用户名" allowClear style={{ width: 130 }} />
        </Form.Item>
        <Form.Item label="操作" name="action">
          <Select placeholder="全部" allowClear options={actionOptions} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label="结果" name="result">
          <Select placeholder="全部" allowClear options={resultOptions} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              查询
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                apply({});
              }}
            >
              重置
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        // Seven columns on a phone left 操作人 30 px wide: the row scrolls instead.
        scroll={{ x: 960 }}
        expandable={{
          rowExpandable: (entry) => Boolean(entry.details && Object.keys(entry.details).length),
          expandedRowRender: (entry) => <DetailsView entry={entry} />,
        }}
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `共 ${total} 条`,
          onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
      />
    </PageContainer>
  );
};
