/**
 * 12345热线: the agents' ledger (filters by channel, type, category, 街乡, state, dates and text; a row
 * opens the ticket page, where every step is taken), the monthly 三率 ranking with its red list, and —
 * for the center — the category tree.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Table, type TableColumnsType, Tabs, Tag } from 'antd';
import { formatTime, toPickerValue, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { hotlineChannels, ticketTypes, type TicketRow } from '../../../../common/schemas/hotline.js';
import { useCan, useCurrentUser } from '../../app/current-user.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useAreas, useCategoryTree, useTickets, type TicketFilter } from './api.js';
import { CategoriesTab } from './CategoriesTab.js';
import { KeysTab } from './open311/KeysTab.js';
import { RatesTab } from './RatesTab.js';
import { TicketFormModal } from './TicketFormModal.js';

const dueColors: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };

const columns: TableColumnsType<TicketRow> = [
  { title: '工单号', dataIndex: 'serialNo', width: 120 },
  { title: '诉求', key: 'title', render: (_, row) => <Link to={`/cases/ticket/${row.id}`}>{row.title}</Link> },
  { title: '渠道', dataIndex: 'channel', width: 90 },
  { title: '分类', dataIndex: 'category', width: 150 },
  { title: '街乡', dataIndex: 'area', width: 100 },
  { title: '承办单位', dataIndex: 'unitName', width: 120, render: (value: string | null, row) => <>{value ?? '—'}{row.returnCount > 0 && <Tag color="orange" style={{ marginLeft: 4 }}>退单 {row.returnCount}</Tag>}</> },
  { title: '状态', dataIndex: 'stateLabel', width: 90 },
  { title: '期限', key: 'due', width: 110, render: (_, row) => (row.dueDate ? <Tag color={dueColors[row.dueStatus]}>{row.dueDate}</Tag> : '—') },
  { title: '登记时间', dataIndex: 'createdAt', width: 150, render: (value: string) => formatTime(value) },
];

const states = [
  { value: 'registered', label: '待派单' },
  { value: 'handling', label: '办理中' },
  { value: 'replied', label: '待回访' },
  { value: 'closed', label: '已办结' },
  { value: 'answered_on_spot', label: '直接办结' },
  { value: 'merged', label: '已归并' },
];

/** The filters an address may carry (the 热点 page opens the ledger filtered by a category, 街乡 or word over a week). */
const filterFrom = (params: URLSearchParams): TicketFilter => {
  const given = Object.fromEntries(['category', 'area', 'from', 'to', 'q'].flatMap((key) => (params.get(key) ? [[key, params.get(key)!]] : [])));
  return { page: 1, pageSize: 20, ...given };
};

const TicketsTab = () => {
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<TicketFilter>(() => filterFrom(params));
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(() => (filter.from || filter.to ? [filter.from ? toPickerValue(filter.from) : null, filter.to ? toPickerValue(filter.to) : null] : null));
  const { data, isFetching } = useTickets(filter);
  const { data: tree = [] } = useCategoryTree();
  const { data: areas = [] } = useAreas();
  const set = (patch: Partial<TicketFilter>) => setFilter((current) => ({ ...current, ...patch, page: 1 }));
  const pick = (placeholder: string, key: keyof TicketFilter, options: Array<{ value: string; label: string }>) => (
    <Select allowClear showSearch aria-label={placeholder} placeholder={placeholder} style={{ width: 140 }} value={filter[key] as string | undefined} onChange={(value?: string) => set({ [key]: value })} options={options} />
  );
  const list = (values: readonly string[]) => values.map((value) => ({ value, label: value }));
  return (
    <>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        {pick('渠道', 'channel', list(hotlineChannels))}
        {pick('类型', 'type', list(ticketTypes))}
        {pick('分类', 'category', tree.flatMap((node) => [{ value: node.name, label: node.name }, ...node.children.map((child) => ({ value: `${node.name}/${child}`, label: `${node.name}/${child}` }))]))}
        {pick('街乡', 'area', list(areas.map((area) => area.name)))}
        {pick('状态', 'state', states)}
        <DatePicker.RangePicker
          value={range}
          allowEmpty={[true, true]}
          onChange={(value) => {
            setRange(value);
            set({ from: value?.[0]?.format('YYYY-MM-DD'), to: value?.[1]?.format('YYYY-MM-DD') });
          }}
        />
        <Input.Search allowClear placeholder="诉求内容、地址" style={{ width: 200 }} defaultValue={filter.q} onSearch={(q) => set({ q: q || undefined })} />
      </Flex>
      <Table<TicketRow>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={isFetching}
        scroll={{ x: 1100 }}
        pagination={{ current: filter.page, pageSize: filter.pageSize, total: data?.total ?? 0, showTotal: (total) => `共 ${data?.isEstimate ? '约 ' : ''}${total} 件`, onChange: (page, pageSize) => setFilter((current) => ({ ...current, page, pageSize })) }}
      />
    </>
  );
};

export const HotlinePage = () => {
  const navigate = useNavigate();
  const user = useCurrentUser();
  const canRegister = user.roles.some((role) => role === 'hotline_staff' || role === 'director');
  const canManage = useCan('hotline.manage');
  const [isCreating, setCreating] = useState(false);
  return (
    <PageContainer
      title="12345热线"
      extra={
        canRegister && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            登记工单
          </Button>
        )
      }
    >
      <Tabs
        items={[
          { key: 'tickets', label: '工单台账', children: <TicketsTab /> },
          { key: 'rates', label: '三率排名', children: <RatesTab /> },
          ...(canManage ? [{ key: 'categories', label: '诉求分类', children: <CategoriesTab /> }] : []),
          ...(canManage ? [{ key: 'open311', label: '接口密钥', children: <KeysTab /> }] : []),
        ]}
      />
      {isCreating && (
        <TicketFormModal
          kind="ticket"
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/cases/ticket/${id}`);
          }}
        />
      )}
    </PageContainer>
  );
};
