/** 密码重置审批 (安全管理员): the 系统管理员's pending requests; approving shows the second half once. */
import { Alert, Button, Modal, Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import type { PasswordResetHalf, PasswordResetRequest } from '../../../../../common/schemas/org.js';
import { formatDateTime } from '../../../app/time.js';
import { notifySuccess } from '../../../app/request.js';
import { PageContainer } from '../../../components/PageContainer.js';
import { useApproveReset, usePendingResets, useRejectReset } from './api.js';

export const PasswordResetsPage = () => {
  const { data = [], isFetching } = usePendingResets();
  const approve = useApproveReset();
  const reject = useRejectReset();
  const [approved, setApproved] = useState<PasswordResetHalf | null>(null);

  const columns: TableColumnsType<PasswordResetRequest> = [
    { title: '用户', key: 'user', width: 180, render: (_v, row) => `${row.displayName}（${row.username}）` },
    { title: '发起人', dataIndex: 'requestedByName', key: 'requestedByName', width: 140 },
    { title: '发起时间', dataIndex: 'requestedAt', key: 'requestedAt', width: 170, render: formatDateTime },
    { title: '原因', dataIndex: 'reason', key: 'reason', width: 200 },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      render: (_v, row) => (
        <Space size={0}>
          <Popconfirm title={`批准重置 ${row.displayName} 的密码？`} okText="批准" cancelText="取消" onConfirm={() => approve.mutate(row.id, { onSuccess: setApproved })}>
            <Button type="link" size="small">
              批准
            </Button>
          </Popconfirm>
          <Popconfirm title="拒绝此重置申请？" okText="拒绝" cancelText="取消" onConfirm={() => reject.mutate(row.id, { onSuccess: () => notifySuccess('已拒绝') })}>
            <Button type="link" size="small" danger>
              拒绝
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <PageContainer title="待批准的重置">
      {/* On a phone the fixed columns took the 390 px and left 用户 and 原因 30 px wide: the row scrolls instead. */}
      <Table<PasswordResetRequest> rowKey="id" size="middle" columns={columns} dataSource={data} loading={isFetching} pagination={false} scroll={{ x: 850 }} />
      {approved && (
        <Modal open title={`已批准：${approved.request.displayName}（${approved.request.username}）`} okText="我已记下" onOk={() => setApproved(null)} onCancel={() => setApproved(null)} cancelButtonProps={{ style: { display: 'none' } }} mask={{ closable: false }}>
          <Alert
            type="warning"
            showIcon
            style={{ margin: '16px 0' }}
            title="两人规则：此为临时密码的后半段"
            description="前半段在发起重置的系统管理员处。请将后半段单独交给用户本人；用户登录时输入前半段加后半段，并须立即修改密码。此页关闭后不再显示。"
          />
          <Typography.Paragraph>
            后半段：
            <Typography.Text code copyable strong data-testid="reset-half">
              {approved.half}
            </Typography.Text>
          </Typography.Paragraph>
        </Modal>
      )}
    </PageContainer>
  );
};
