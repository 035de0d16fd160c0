/** 台账 of one kind: filters (kept in the URL), keyset pages, Excel export, 登记. */
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { CaseQuery, type CaseSummary, type KindView } from '../../../../common/schemas/cases.js';
import { useCurrentUser } from '../../app/current-user.js';
import { formatDateTime } from '../../app/format.js';
import { NotFound } from '../../app/guards.js';
import { DueTag } from '../../components/DueTag.js';
import { PageContainer } from '../../components/PageContainer.js';
import { type CaseSearch, casePath, exportUrl, ledgerPath, useCases, useKinds } from './api.js';
import { kindUiOf } from './kind-views.js';
import { LedgerFilters, type LedgerFilterValues } from './LedgerFilters.js';

const filterKeys = ['state', 'due', 'unit', 'from', 'to', 'q', 'sort'] as const;

/** Filters from the URL, each checked against the query schema so a hand-edited URL cannot break the page. */
const filtersFrom = (params: URLSearchParams): LedgerFilterValues => {
  const raw = Object.fromEntries(filterKeys.map((key) => [key, params.get(key) ?? undefined]));
  const shape = CaseQuery.shape;
  const values: Record<string, unknown> = {};
  for (const key of filterKeys) {
    const parsed = shape[key].safeParse(raw[key]);
    if (parsed.success && raw[key] !== undefined) values[key] = parsed.data;
  }
  return values as LedgerFilterValues;
};

const Ledger = ({ kind }: { kind: KindView }) => {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [pageSize, setPageSize] = useState(20);
  // Cursors of the pages before this one: keyset paging goes forward with nextCursor, back with the stack.
  const [cursors, setCursors] = useState<string[]>([]);
  const [isCreating, setIsCreating] = useState(false);
  const search: CaseSearch = { ...filters, kind: kind.id, limit: pageSize, cursor: cursors.at(-1) };
  const { data, isFetching } = useCases(search);
  const ui = kindUiOf(kind.id);
  const CreateForm = kind.canCreate ? ui?.CreateForm : undefined;
  const LedgerExtra = ui?.LedgerExtra;

  const applyFilters = (patch: LedgerFilterValues) => {
    const next = { ...filters, ...patch };
    setParams(Object.fromEntries(Object.entries(next).filter((entry): entry is [string, string] => Boolean(entry[1]))), { replace: true });
    setCursors([]);
  };

  const columns: TableColumnsType<CaseSummary> = [
    { title: '编号', dataIndex: 'serialNo', key: 'serialNo', width: 140 },
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      render: (title: string, item) => <Link to={casePath(kind.id, item.id)}>{title}</Link>,
    },
    { title: '状态', dataIndex: 'stateLabel', key: 'stateLabel', width: 110 },
    {
      title: '主办单位',
      dataIndex: 'leadUnits',
      key: 'leadUnits',
      width: 180,
      render: (units: string[]) => (units.length ? units.join('、') : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: '办理时限',
      key: 'due',
      width: 150,
      render: (_value, item) => <DueTag dueDate={item.dueDate} status={item.dueStatus} />,
    },
    { title: '登记时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: formatDateTime },
  ];

  const pageNumber = cursors.length + 1;
  return (
    <PageContainer
      title={`${kind.label}台账`}
      extra={
        <Space wrap>
          <Button icon={<FileExcelOutlined />} href={exportUrl(search)} download>
            导出 Excel
          </Button>
          {LedgerExtra && <LedgerExtra kind={kind} />}
          {CreateForm && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)}>
              {ui?.createLabel ?? '登记'}
            </Button>
          )}
        </Space>
      }
    >
      <LedgerFilters kind={kind} value={filters} onChange={applyFilters} canFilterUnit={user.scope === 'all'} />
      <Table<CaseSummary>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 960 }}
        pagination={false}
        locale={{ emptyText: '没有符合条件的事项' }}
      />
      <Flex justify="flex-end" align="center" gap={12} wrap style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">第 {pageNumber} 页</Typography.Text>
        <Button disabled={cursors.length === 0} onClick={() => setCursors((stack) => stack.slice(0, -1))}>
          上一页
        </Button>
        <Button
          disabled={!data?.nextCursor}
          onClick={() => data?.nextCursor && setCursors((stack) => [...stack, data.nextCursor as string])}
        >
          下一页
        </Button>
        <Select
          aria-label="每页条数"
          style={{ width: 110 }}
          value={pageSize}
          options={[20, 50, 100].map((size) => ({ value: size, label: `${size} 条/页` }))}
          onChange={(size: number) => {
            setPageSize(size);
            setCursors([]);
          }}
        />
      </Flex>
      {CreateForm && isCreating && (
        <CreateForm
          kind={kind.id}
          onClose={() => setIsCreating(false)}
          onCreated={(id, warnings) => navigate(casePath(kind.id, id), warnings?.length ? { state: { warnings } } : undefined)}
        />
      )}
    </PageContainer>
  );
};

/** /cases/:kind — the kind must be one the user may view. */
export const LedgerPage = () => {
  const { kind: kindId } = useParams();
  const { data: kinds, isPending } = useKinds();
  const kind = kinds?.find((item) => item.id === kindId && item.canView);
  if (isPending) return null;
  if (!kind) return <NotFound homePath="/" />;
  // Keyed by kind so that switching ledgers starts from a clean page stack.
  return <Ledger key={kind.id} kind={kind} />;
};

/** /cases — the first ledger the user may view. */
export const CasesIndexPage = () => {
  const { data: kinds, isPending } = useKinds();
  const first = kinds?.find((kind) => kind.canView);
  if (isPending) return null;
  if (!first) return <NotFound homePath="/" />;
  return <Navigate to={ledgerPath(first.id)} replace />;
};
