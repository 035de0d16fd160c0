/**
 * Open311 接口密钥 (center only, hotline.manage): issue a key to a system that sends requests (the key is
 * shown this once — only its hash is kept), see who has one, and revoke it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Modal, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../app/request.js';
import { formatTime } from '../../../app/time.js';

type Key = { id: string; name: string; createdAt: string; revokedAt: string | null };
const keysKey = ['hotline', 'open311-keys'] as const;

export const KeysTab = () => {
  const client = useQueryClient();
  const keys = useQuery({ queryKey: keysKey, queryFn: () => api.get<Key[]>('/api/hotline/open311-keys') });
  const issue = useMutation({ mutationFn: (name: string) => api.post<{ apiKey: string; name: string }>('/api/hotline/open311-keys', { name }), onSuccess: () => client.invalidateQueries({ queryKey: keysKey }) });
  const revoke = useMutation({ mutationFn: (id: string) => api.post<{ id: string }>(`/api/hotline/open311-keys/${id}/revoke`), onSuccess: () => client.invalidateQueries({ queryKey: keysKey }) });
  const [name, setName] = useState('');
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary">
        对接系统（如省12345平台、城市APP）按 Open311 GeoReport v2 接口提交诉求：/api/public/open311/v2/services.json、requests.json、requests/编号.json，须携带本中心签发的 api_key。每次调用都记入审计日志。
      </Typography.Paragraph>
      <Flex gap={8}>
        <Input aria-label="对接系统名称" placeholder="对接系统名称" maxLength={60} value={name} onChange={(event) => setName(event.target.value)} style={{ maxWidth: 320 }} />
        <Button type="primary" disabled={name.trim().length < 2} loading={issue.isPending} onClick={() => issue.mutate(name.trim(), { onSuccess: () => setName('') })}>
          签发密钥
        </Button>
      </Flex>
      <Table<Key>
        rowKey="id"
        size="small"
        loading={keys.isPending}
        dataSource={keys.data ?? []}
        pagination={false}
        columns={[
          { title: '对接系统', dataIndex: 'name' },
          { title: '签发时间', key: 'createdAt', render: (_, row) => formatTime(row.createdAt) },
          { title: '状态', key: 'state', render: (_, row) => (row.revokedAt ? <Tag>已停用</Tag> : <Tag color="green">有效</Tag>) },
          {
            title: '操作',
            key: 'actions',
            render: (_, row) =>
              row.revokedAt ? null : (
                <Popconfirm title={`停用“${row.name}”的密钥？停用后该系统无法再提交和查询。`} onConfirm={() => revoke.mutate(row.id)}>
                  <Button size="small" danger>
                    停用
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal open={issue.isSuccess} title="密钥已签发" onCancel={() => issue.reset()} onOk={() => issue.reset()} okText="我已保存" cancelButtonProps={{ style: { display: 'none' } }}>
        <Alert type="warning" showIcon title="密钥只显示这一次，请立即复制并安全交给对接系统。" style={{ marginBottom: 12 }} />
        <Typography.Paragraph>{issue.data?.name}</Typography.Paragraph>
        <Typography.Text copyable code>
          {issue.data?.apiKey}
        </Typography.Text>
      </Modal>
    </Flex>
  );
};
