/**
 * 台账 of one kind: filters, page and page size kept in the URL (Back from a record lands on the same
 * page), the total, the kind's own register columns, Excel export, 登记.
 */
import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Grid, Pagination, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { CaseQuery, type CasePage, type KindView, type LedgerColumnView, MAX_LEDGER_OFFSET } from '../../../../common/schemas/cases.js';
import { useCurrentUser } from '../../app/current-user.js';
import { formatDateTime } from '../../app/time.js';
import { NotFound } from '../../app/guards.js';
import { DueTag } from '../../components/DueTag.js';
import { PageContainer } from '../../components/PageContainer.js';
import { type CaseSearch, casePath, exportUrl, ledgerPath, useCases, useKinds } from './api.js';
import { UrgeButton } from './ClocksPanel.js';
import { kindUiOf } from './kind-views.js';
import { hasLedgerFilters, LedgerFilters, type LedgerFilterValues } from './LedgerFilters.js';

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

const pageSizes = [20, 50, 100];
const positive = (raw: string | null, fallback: number) => {
  const value = Number(raw);
  return Number.isInteger(value) && value >= 1 ? value : fallback;
};

type Row = CasePage['items'][number];

const dash = <Typography.Text type="secondary">—</Typography.Text>;

/** A column the kind declared: the title links to the record, the due date is the coloured tag. */
const declaredColumn = (kindId: string, column: LedgerColumnView): TableColumnsType<Row>[number] => ({
  title: column.title,
  key: column.key,
  ...(column.show === 'title' ? { className: 'fb-ledger-title', width: 320 } : { width: column.show === 'due' ? 150 : 140 }),
  render: (_value, item) => {
    if (column.show === 'title') return <Link to={casePath(kindId, item.id)}>{item.title}</Link>;
    if (column.show === 'due') return <DueTag dueDate={item.dueDate} status={item.dueStatus} />;
    const cell = item.cells?.[column.key];
    return cell === undefined || cell === '' ? dash : cell;
  },
});

const Ledger = ({ kind }: { kind: KindView }) => {
  const user = useCurrentUser();
  // As the server's rule (engine/reminders/urge.ts): the office staff who register this kind, and the director.
  const canUrge = user.scope === 'all' && (kind.canCreate || user.roles.includes('director'));
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const pageSize = pageSizes.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const pageNumber = Math.min(positive(params.get('page'), 1), Math.floor(MAX_LEDGER_OFFSET / pageSize) + 1);
  const [isCreating, setIsCreating] = useState(false);
  const search: CaseSearch = { ...filters, kind: kind.id, limit: pageSize, ...(pageNumber > 1 ? { page: pageNumber } : {}) };
  const { data, isFetching } = useCases(search);
  const ui = kindUiOf(kind.id);
  const CreateForm = kind.canCreate ? ui?.CreateForm : undefined;
  const LedgerExtra = ui?.LedgerExtra;

  const setQuery = (next: Record<string, string | number | undefined>, replace: boolean) =>
    setParams(
      Object.fromEntries(Object.entries(next).filter((entry): entry is [string, string | number] => Boolean(entry[1])).map(([key, value]) => [key, String(value)])),
      { replace },
    );
  // A new filter starts again at page 1; a page turn is a history entry of its own (Back returns to it).
  const applyFilters = (patch: LedgerFilterValues) =>
    setQuery({ ...filters, ...patch, size: pageSize === 20 ? undefined : pageSize }, true);
  const goTo = (page: number, size: number) =>
    setQuery({ ...filters, page: size === pageSize && page > 1 ? page : undefined, size: size === 20 ? undefined : size }, false);

  const genericColumns: TableColumnsType<Row> = [
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      className: 'fb-ledger-title',
      render: (title: string, item) => <Link to={casePath(kind.id, item.id)}>{title}</Link>,
    },
    { title: '状态', dataIndex: 'stateLabel', key: 'stateLabel', width: 110 },
    {
      title: '主办单位',
      dataIndex: 'leadUnits',
      key: 'leadUnits',
      width: 180,
      render: (units: string[]) => (units.length ? units.join('、') : dash),
    },
    {
      title: '办理时限',
      key: 'due',
      width: 150,
      render: (_value, item) => <DueTag dueDate={item.dueDate} status={item.dueStatus} />,
    },
  ];
  const middle = data?.columns ? data.columns.map((column) => declaredColumn(kind.id, column)) : genericColumns;
  // On a laptop (1366 px) a kind's columns run past the screen: the 编号 stays at the left edge, and the 时限 and 催办 —
  // what a clerk looks for — stay at the right while the rest scrolls between them.
  // On a phone (390 px) the two pinned columns would take the whole width and hide the title: nothing is pinned there.
  // On every screen the title comes right after the 编号: in the register's own order (日期, 来文机关, 字号 first) a
  // 1280 px screen showed half of it, cut by the pinned 时限 — the column a clerk searching by a word reads first.
  // The Excel export keeps the register's order.
  const isPhone = Grid.useBreakpoint().md === false;
  const pin = <T,>(side: T) => (isPhone ? undefined : side);
  const isDue = (column: (typeof middle)[number]) => column.key === 'due' || (data?.columns ?? []).some((declared) => declared.key === column.key && declared.show === 'due');
  const isTitle = (column: (typeof middle)[number]) => column.key === 'title' || (data?.columns ?? []).some((declared) => declared.key === column.key && declared.show === 'title');
  const between = middle.filter((column) => !isDue(column));
  const columns: TableColumnsType<Row> = [
    { title: '编号', dataIndex: 'serialNo', key: 'serialNo', width: 140, fixed: pin('left' as const) },
    ...between.filter(isTitle),
    ...between.filter((column) => !isTitle(column)),
    { title: '登记时间', dataIndex: 'createdAt', key: 'createdAt', width: 160, render: formatDateTime },
    ...middle.filter(isDue).map((column) => ({ ...column, fixed: pin('right' as const) })),
    // The office chases what is late from the ledger itself (the same 催办 as on the case page).
    ...(canUrge
      ? [{ title: '操作', key: 'urge', width: 90, fixed: pin('right' as const), render: (_value: unknown, item: Row) => (item.dueStatus === 'red' ? <UrgeButton detail={{ id: item.id, serialNo: item.serialNo, urgeCount: 0 }} size="small" /> : null) }]
      : []),
  ];
  const total = data?.total;
  const pageable = Math.min(total?.count ?? 0, MAX_LEDGER_OFFSET + pageSize);

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
      <Table<Row>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 'max-content' }}
        pagination={false}
        locale={{ emptyText: hasLedgerFilters(filters) ? '没有符合条件的事项，可点「清空筛选」查看全部' : `暂无${kind.label}` }}
      />
      <Flex justify="flex-end" align="center" gap={12} wrap style={{ marginTop: 16 }}>
        <Pagination
          current={pageNumber}
          pageSize={pageSize}
          total={pageable}
          pageSizeOptions={pageSizes}
          showSizeChanger
          showQuickJumper
          showTotal={() => (total ? `共 ${total.isEstimate ? '约 ' : ''}${total.count} 条` : '')}
          onChange={goTo}
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
