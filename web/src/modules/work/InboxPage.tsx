/** 待办 / 待阅 / 催办: what waits on me, my unit or those I stand in for (AB角), soonest due first. */
import { Badge, Button, Card, Empty, Flex, Grid, Popconfirm, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { InboxItem, NotificationView } from '../../../../common/schemas/cases.js';
import { formatTime, formatDateTime } from '../../app/time.js';
import { DueTag } from '../../components/DueTag.js';
import { PageContainer } from '../../components/PageContainer.js';
import { type PlainColumn, PlainTable } from '../../components/PlainTable.js';
import { casePath, useKinds } from '../cases/api.js';
import { inboxPageSize, useInbox, useInboxCounts, useMarkAllRead, useMarkRead, useNotifications } from './api.js';

type TabKey = 'todo' | 'toread' | 'remind';
const tabKeys: readonly TabKey[] = ['todo', 'toread', 'remind'];

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
        {[item.kindLabel, item.serialNo, item.fromName ? `来自 ${item.isFromMe ? '本人' : item.fromName}` : null, item.unitName].filter(Boolean).join(' · ')}
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
  const [page, setPage] = useState(1);
  const { data: rows = [], isFetching, isPending } = useInbox(page);
  const { data: counts } = useInboxCounts();
  // Work done elsewhere can empty the last page: step back to one that has rows.
  useEffect(() => {
    if (!isFetching && rows.length === 0 && page > 1) setPage(page - 1);
  }, [isFetching, rows.length, page]);
  const paging = { page, total: counts?.todo ?? 0, onPage: setPage };
  const isPhone = Grid.useBreakpoint().md === false;
  const { data: kinds = [] } = useKinds();
  const kindOf = useMemo(() => new Map(kinds.map((kind) => [kind.label, kind.id])), [kinds]);
  const pathOf = (item: InboxItem) => casePath(kindOf.get(item.kindLabel) ?? 'case', item.caseId);
  const navigate = useNavigate();

  // The title takes what the other columns leave: on a laptop (1366 px) they once left it three characters a line.
  const columns: PlainColumn<InboxItem>[] = [
    { key: 'serialNo', title: '编号', width: 130, render: (item) => item.serialNo },
    { key: 'title', title: '标题', render: (item) => <Link to={pathOf(item)}>{item.title}</Link> },
    { key: 'kindLabel', title: '类型', width: 96, render: (item) => item.kindLabel },
    {
      key: 'label',
      title: '待办',
      width: 150,
      render: (item) => (
        <Space size={4} wrap>
          <Tag color="blue">{item.label}</Tag>
          {item.unitName && <Typography.Text type="secondary">{item.unitName}</Typography.Text>}
          {item.onBehalfOfName && <Tag color="purple">代 {item.onBehalfOfName}</Tag>}
        </Space>
      ),
    },
    // Who put it here; the user's own last step says 本人, not their name.
    { key: 'fromName', title: '来自', width: 84, render: (item) => (item.fromName === null ? '—' : item.isFromMe ? '本人' : item.fromName) },
    { key: 'stateLabel', title: '状态', width: 96, render: (item) => item.stateLabel },
    { key: 'due', title: '办理时限', width: 130, render: (item) => <DueTag dueDate={item.dueDate} status={item.dueStatus} /> },
    { key: 'since', title: '送达时间', width: 140, render: (item) => formatTime(item.since) },
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
        {(page > 1 || rows.length === inboxPageSize) && (
          <Flex justify="center" align="center" gap={8}>
            <Button disabled={page === 1} onClick={() => setPage(page - 1)}>
              上一页
            </Button>
            <Typography.Text type="secondary">第 {page} 页，共 {paging.total} 件</Typography.Text>
            <Button disabled={rows.length < inboxPageSize} onClick={() => setPage(page + 1)}>
              下一页
            </Button>
          </Flex>
        )}
      </Flex>
    );
  }

  // The title is a link already; a click anywhere else on the row opens the case too.
  return (
    <PlainTable<InboxItem>
      label="待办"
      rowKey={keyOf}
      columns={columns}
      rows={rows}
      isRefreshing={isFetching}
      pageSize={inboxPageSize}
      paging={paging}
      // At most the card's width on a 1280 px screen (976 px beside the menu): wider, the 送达时间 ran off its edge
      // behind a scrollbar a new clerk does not see.
      minWidth={960}
      onRowClick={(item) => navigate(pathOf(item))}
      emptyText="暂无待办"
    />
  );
};

/** The pages of records a notice may refer to, by record type: a 会议通知 opens its meeting. */
const recordPages: Record<string, (id: string) => string> = { meeting: (id) => `/meetings/${id}` };

/** Where a notice's 查看 goes: its case, its record's page, or (a notice read before it carried a target) its case by id. */
const notificationPath = (item: NotificationView): string | undefined => {
  const { target } = item;
  if (target?.type === 'case') return casePath(target.kind, target.id);
  if (target?.type === 'record') return recordPages[target.recordType]?.(target.id);
  return item.caseId ? casePath('case', item.caseId) : undefined;
};

const NotificationTable = ({ type }: { type: 'toread' | 'remind' }) => {
  const { data = [], isFetching, isPending } = useNotifications(type, true);
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead(type);
  const navigate = useNavigate();
  const isPhone = Grid.useBreakpoint().md === false;

  const open = (item: NotificationView, path: string) => {
    if (!item.readAt) markRead.mutate(item.id);
    navigate(path);
  };

  const actionsOf = (item: NotificationView, path = notificationPath(item)) => (
    <Space size={0}>
      {path && (
        <Button type="link" size="small" onClick={() => open(item, path)}>
          查看
        </Button>
      )}
      {!item.readAt && (
        <Button type="link" size="small" onClick={() => markRead.mutate(item.id)}>
          标为已读
        </Button>
      )}
    </Space>
  );

  const columns: PlainColumn<NotificationView>[] = [
    {
      key: 'title',
      title: '标题',
      render: (item) => (
        <Space size={6}>
          {!item.readAt && <Badge status="error" aria-label="未读" />}
          <Typography.Text strong={!item.readAt}>{item.title}</Typography.Text>
        </Space>
      ),
    },
    { key: 'body', title: '内容', render: (item) => item.body ?? '—' },
    { key: 'createdAt', title: '时间', width: 170, render: (item) => formatDateTime(item.createdAt) },
    { key: 'actions', title: '操作', width: 130, render: (item) => actionsOf(item) },
  ];

  if (isPending) return <Loading />;
  const unread = data.filter((item) => !item.readAt).length;
  const emptyText = type === 'toread' ? '暂无待阅' : '暂无催办';
  // On a phone the table's 查看 column sat past the screen's edge: one card a notice, its buttons under the text.
  const list = isPhone ? (
    data.length === 0 ? (
      <Empty description={emptyText} />
    ) : (
      <Flex vertical gap={8} className="fb-notice-cards">
        {data.map((item) => (
          <Card key={item.id} size="small">
            <Space size={6} align="start">
              {!item.readAt && <Badge status="error" aria-label="未读" />}
              <Typography.Text strong={!item.readAt}>{item.title}</Typography.Text>
            </Space>
            {item.body && (
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 3 }} style={{ margin: '4px 0 0' }}>
                {item.body}
              </Typography.Paragraph>
            )}
            <Flex justify="space-between" align="center" wrap>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {formatTime(item.createdAt)}
              </Typography.Text>
              {actionsOf(item)}
            </Flex>
          </Card>
        ))}
      </Flex>
    )
  ) : (
    <PlainTable<NotificationView>
      label={type === 'toread' ? '待阅' : '催办'}
      rowKey={(item) => item.id}
      columns={columns}
      rows={data}
      isRefreshing={isFetching}
      minWidth={800}
      emptyText={emptyText}
    />
  );
  return (
    <Flex vertical gap={8}>
      {unread > 0 && (
        <Flex justify="flex-end">
          <Popconfirm title={`将全部未读${type === 'toread' ? '待阅' : '催办'}标为已读？`} okText="全部标为已读" cancelText="取消" onConfirm={() => markAllRead.mutateAsync()}>
            <Button size="small" loading={markAllRead.isPending}>
              全部标为已读
            </Button>
          </Popconfirm>
        </Flex>
      )}
      {list}
    </Flex>
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
