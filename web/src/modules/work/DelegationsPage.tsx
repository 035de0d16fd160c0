/** AB角设置: the delegations I gave (revocable) and those I received. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Popconfirm, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Delegation } from '../../../../common/schemas/cases.js';
import { useCurrentUser } from '../../app/current-user.js';
import { notifySuccess } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useDelegations, useRevokeDelegation } from './api.js';
import { DelegationFormModal } from './DelegationFormModal.js';
import { officeToday } from '../../app/time.js';

type Status = { label: string; color?: string; isOver: boolean };

const statusOf = (delegation: Delegation, today: string): Status => {
  if (delegation.isRevoked) return { label: '已撤销', isOver: true };
  if (delegation.endDate < today) return { label: '已结束', isOver: true };
  if (delegation.startDate > today) return { label: '未开始', color: 'blue', isOver: false };
  return { label: '生效中', color: 'green', isOver: false };
};

export const DelegationsPage = () => {
  const user = useCurrentUser();
  const { data = [], isFetching, isPending } = useDelegations();
  const revoke = useRevokeDelegation();
  const [isAdding, setIsAdding] = useState(false);
  const today = officeToday();
  const given = data.filter((delegation) => delegation.fromUserId === user.id);
  const received = data.filter((delegation) => delegation.toUserId === user.id);

  const columns = (side: 'given' | 'received'): TableColumnsType<Delegation> => [
    side === 'given'
      ? { title: '被委托人（B角）', dataIndex: 'toUserName', key: 'person', width: 160 }
      : { title: '委托人（A角）', dataIndex: 'fromUserName', key: 'person', width: 160 },
    {
      title: '委托期间',
      key: 'range',
      width: 230,
      render: (_value, delegation) => `${delegation.startDate} 至 ${delegation.endDate}`,
    },
    { title: '说明', dataIndex: 'note', key: 'note', render: (note: string | null) => note ?? '—' },
    {
      title: '状态',
      key: 'status',
      width: 100,
      render: (_value, delegation) => {
        const status = statusOf(delegation, today);
        return <Tag color={status.color}>{status.label}</Tag>;
      },
    },
    ...(side === 'given'
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_value: unknown, delegation: Delegation) =>
              statusOf(delegation, today).isOver ? null : (
                <Popconfirm
                  title={`撤销对 ${delegation.toUserName} 的委托？`}
                  description="撤销后对方不能再代您办理。"
                  okText="撤销"
                  cancelText="取消"
                  onConfirm={() => revoke.mutate(delegation, { onSuccess: () => notifySuccess('委托已撤销') })}
                >
                  <Button type="link" size="small" danger>
                    撤销
                  </Button>
                </Popconfirm>
              ),
          },
        ]
      : []),
  ];

  const table = (side: 'given' | 'received', rows: Delegation[]) => (
    <Table<Delegation>
      rowKey="id"
      size="middle"
      columns={columns(side)}
      dataSource={rows}
      loading={isFetching}
      scroll={{ x: 700 }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: isPending ? '加载中…' : side === 'given' ? '尚未委托他人' : '暂无他人委托给您' }}
    />
  );

  return (
    <PageContainer
      title="AB角设置"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsAdding(true)}>
          新增委托
        </Button>
      }
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="外出、休假时，可委托同事（B角）在指定期间代您办理待办事项。代办的每一步都会留痕，记为「代 某某」。"
      />
      <Tabs
        items={[
          { key: 'given', label: `我委托的（${given.length}）`, children: table('given', given) },
          { key: 'received', label: `委托我的（${received.length}）`, children: table('received', received) },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        联络员只能委托本单位的同事；管理员账号不能设置 AB角。
      </Typography.Paragraph>
      {isAdding && <DelegationFormModal onClose={() => setIsAdding(false)} />}
    </PageContainer>
  );
};
