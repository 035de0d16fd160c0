/** 待办 / 待阅 / 催办: what waits on me, my unit or those I stand in for (AB角), soonest due first. */
import { Badge, Button, Card, Empty, Flex, Grid, Space, Spin, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { InboxItem, NotificationView } from '../../../../common/schemas/cases.js';
import { formatDateTime } from '../../app/format.js';
import { DueTag } from '../../components/DueTag.js';
import { PageContainer } from '../../components/PageContainer.js';
import { casePath, useKinds } from '../cases/api.js';
import { useInbox, useInboxCounts, useMarkRead, useNotifications } from './api.js';

type TabKey = 'todo' | 'toread' | 'remind';
const tabKeys: readonly TabKey[] = ['todo', 'toread', 'remind'];

/** Overdue first, then by date; items without a deadline last. */
const byDue = (a: InboxItem, b: InboxItem) => (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') || a.since.localeCompare(b.since);

/**
 * One 待办 as a card for a phone (a leader reads these between meetings): what, from whom, what is
 * asked of them (批示, 签发 …) and by when; the whole card opens the case.
 */
const TodoCard = ({ item, path }: { item: InboxItem; path: string }) => (
  <Link to={path} className="fb-todo-card" aria-label={`${item.label}：${item.title}`}>
    <Card size="small" hoverable>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Space size={4} wrap>
          <Tag color="blue">{item.label}</Tag>
          {item.onBehalfOfName && <Tag color="purple">代 {item.onBehalfOfName}</Tag>}
        </Space>
        <DueTag dueDate={item.dueDate} status={item.dueStatus} />
      </Flex>
      <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ margin: '8px 0 4px' }}>
        {item.title}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {[item.kindLabel, item.serialNo, item.fromName ? `来自 ${item.fromName}` : null, item.unitName].filter(Boolean).join(' · ')}
      </Typography.Text>
    </Card>
  </Link>
);

/** Before the first answer there is nothing to say: a spinner, not 「暂无待办」. */
const Loading = () => (
  <Flex justify="center" style={{ padding: 48 }}>
    <Spin description="加载中…" />
  </Flex>
);

const TodoTable = () => {
  const { data = [], isFetching, isPending } = useInbox();
  const isPhone = Grid.useBreakpoint().md === false;
  const { data: kinds = [] } = useKinds();
  const kindOf = useMemo(() => new Map(kinds.map((kind) => [kind.label, kind.id])), [kinds]);
  const pathOf = (item: InboxItem) => casePath(kindOf.get(item.kindLabel) ?? 'case', item.caseId);
  const navigate = useNavigate();
  const rows = useMemo(() => [...data].sort(byDue), [data]);

  const columns: TableColumnsType<InboxItem> = [
    { title: '编号', dataIndex: 'serialNo', key: 'serialNo', width: 140 },
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      render: (title: string, item) => <Link to={pathOf(item)}>{title}</Link>,
    },
    { title: '类型', dataIndex: 'kindLabel', key: 'kindLabel', width: 110 },
    {
      title: '待办',
      key: 'label',
      width: 220,
      render: (_value, item) => (
        <Space size={4} wrap>
          <Tag color="blue">{item.label}</Tag>
          {item.unitName && <Typography.Text type="secondary">{item.unitName}</Typography.Text>}
          {item.onBehalfOfName && <Tag color="purple">代 {item.onBehalfOfName}</Tag>}
        </Space>
      ),
    },
    { title: '来自', dataIndex: 'fromName', key: 'fromName', width: 100, render: (name: string | null) => name ?? '—' },
    { title: '状态', dataIndex: 'stateLabel', key: 'stateLabel', width: 110 },
    {
      title: '办理时限',
      key: 'due',
      width: 150,
      render: (_value, item) => <DueTag dueDate={item.dueDate} status={item.dueStatus} />,
    },
    { title: '送达时间', dataIndex: 'since', key: 'since', width: 170, render: formatDateTime },
  ];

  const keyOf = (item: InboxItem) => `${item.caseId}:${item.label}:${item.unitName ?? ''}:${item.onBehalfOfName ?? ''}`;
  if (isPending) return <Loading />;
  if (isPhone) {
    if (rows.length === 0) return <Empty description="暂无待办" />;
    return (
      <Flex vertical gap={8} className="fb-todo-cards">
        {rows.map((item) => (
          <TodoCard key={keyOf(item)} item={item} path={pathOf(item)} />
        ))}
      </Flex>
    );
  }

  return (
    <Table<InboxItem>
      rowKey={keyOf}
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={isFetching}
      scroll={{ x: 1000 }}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 件` }}
      onRow={(item) => ({
        // The title is a link already; a click anywhere else on the row opens the case too.
        onClick: (event) => {
          if (!(event.target as HTMLElement).closest('a')) navigate(pathOf(item));
        },
        style: { cursor: 'pointer' },
      })}
      locale={{ emptyText: '暂无待办' }}
    />
  );
};

const NotificationTable = ({ type }: { type: 'toread' | 'remind' }) => {
  const { data = [], isFetching, isPending } = useNotifications(type, true);
  const markRead = useMarkRead();
  const navigate = useNavigate();

  const open = (item: NotificationView) => {
    if (!item.readAt) markRead.mutate(item.id);
    if (item.caseId) navigate(casePath('case', item.caseId));
  };

  const columns: TableColumnsType<NotificationView> = [
    {
      title: '标题',
      dataIndex: 'title',
      key: 'title',
      render: (title: string, item) => (
        <Space size={6}>
          {!item.readAt && <Badge status="error" aria-label="未读" />}
          <Typography.Text strong={!item.readAt}>{title}</Typography.Text>
        </Space>
      ),
    },
    { title: '内容', dataIndex: 'body', key: 'body', render: (body: string | null) => body ?? '—' },
    { title: '时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_value, item) => (
        <Space size={0} onClick={(event) => event.stopPropagation()}>
          {item.caseId && (
            <Button type="link" size="small" onClick={() => open(item)}>
              查看
            </Button>
          )}
          {!item.readAt && (
            <Button type="link" size="small" onClick={() => markRead.mutate(item.id)}>
              标为已读
            </Button>
          )}
        </Space>
      ),
    },
  ];

  if (isPending) return <Loading />;
  return (
    <Table<NotificationView>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data}
      loading={isFetching}
      scroll={{ x: 800 }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: type === 'toread' ? '暂无待阅' : '暂无催办' }}
    />
  );
};

const TabLabel = ({ text, count, color }: { text: string; count: number | undefined; color?: string }) => (
  <Space size={6}>
    {text}
    <Badge count={count ?? 0} showZero={false} color={color} overflowCount={999} />
  </Space>
);

export const InboxPage = () => {
  const [params, setParams] = useSearchParams();
  const tab = tabKeys.find((key) => key === params.get('tab')) ?? 'todo';
  const { data: counts } = useInboxCounts();

  return (
    <PageContainer title="待办">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'todo' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'todo', label: <TabLabel text="待办" count={counts?.todo} />, children: <TodoTable /> },
          { key: 'toread', label: <TabLabel text="待阅" count={counts?.toread} color="blue" />, children: <NotificationTable type="toread" /> },
          { key: 'remind', label: <TabLabel text="催办" count={counts?.remind} color="orange" />, children: <NotificationTable type="remind" /> },
        ]}
      />
    </PageContainer>
  );
};
