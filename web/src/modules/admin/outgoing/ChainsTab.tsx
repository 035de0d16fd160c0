/** 审批流程: the live chains (and on request their older versions, greyed), with create, edit and 停用. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Popconfirm, Space, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ApprovalChainView } from '../../../../../common/schemas/outgoing.js';
import { formatDateTime } from '../../../app/time.js';
import { notifySuccess } from '../../../app/request.js';
import { useApprovalChains, useIssuerCodes, useRetireChain } from './api.js';
import { anyText } from './chain-labels.js';
import { ChainFlow } from './ChainFlow.js';
import { type ChainFormTarget, ChainFormModal } from './ChainFormModal.js';
import './outgoing-config.css';

type Standing = 'live' | 'history' | 'retired';

/** A live row is 现行; an inactive row is 已停用 when it is its chain's latest version, else 历史. */
const standingOf = (chain: ApprovalChainView, latestByKey: ReadonlyMap<string, number>): Standing => {
  if (chain.isActive) return 'live';
  return chain.version === latestByKey.get(chain.chainKey) ? 'retired' : 'history';
};

const standingTags: Record<Standing, { color?: string; text: string }> = {
  live: { color: 'green', text: '现行' },
  history: { text: '历史版本' },
  retired: { color: 'default', text: '已停用' },
};

const scopeText = (chain: ApprovalChainView): string =>
  `${anyText(chain.issuerCode)} / ${anyText(chain.docType)} / ${anyText(chain.direction)}`;

export const ChainsTab = () => {
  const [showsHistory, setShowsHistory] = useState(false);
  const { data: chains = [], isPending } = useApprovalChains(showsHistory);
  const { data: issuers = [] } = useIssuerCodes();
  const retireChain = useRetireChain();
  const [target, setTarget] = useState<ChainFormTarget | null>(null);

  const latestByKey = new Map<string, number>();
  for (const chain of chains) latestByKey.set(chain.chainKey, Math.max(chain.version, latestByKey.get(chain.chainKey) ?? 0));

  const retire = (chain: ApprovalChainView) =>
    retireChain.mutate(chain.chainKey, { onSuccess: () => notifySuccess(`“${chain.name}”已停用`) });

  const columns: TableColumnsType<ApprovalChainView> = [
    {
      title: '流程名称',
      dataIndex: 'name',
      key: 'name',
      width: 160,
      render: (name: string, chain) => {
        const tag = standingTags[standingOf(chain, latestByKey)];
        return (
          <Space size={4} wrap>
            <Typography.Text strong={chain.isActive} type={chain.isActive ? undefined : 'secondary'}>
              {name}
            </Typography.Text>
            {showsHistory && <Tag color={tag.color}>{tag.text}</Tag>}
          </Space>
        );
      },
    },
    { title: '适用（代字 / 文种 / 方向）', key: 'scope', width: 180, render: (_value, chain) => scopeText(chain) },
    { title: '版本', dataIndex: 'version', key: 'version', width: 70, render: (version: number) => `第${version}版` },
    { title: '审批步骤', dataIndex: 'steps', key: 'steps', render: (steps: ApprovalChainView['steps']) => <ChainFlow steps={steps} /> },
    {
      title: '保存人',
      key: 'created',
      width: 160,
      render: (_value, chain) => (
        <>
          {chain.createdByName}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {formatDateTime(chain.createdAt)}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_value, chain) =>
        chain.isActive ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', chain })}>
              修改
            </Button>
            <Popconfirm
              title={`停用“${chain.name}”？`}
              description="新送审的文件不再使用此流程；已送审的文件不受影响。"
              okText="停用"
              cancelText="取消"
              onConfirm={() => retire(chain)}
            >
              <Button type="link" size="small" danger>
                停用
              </Button>
            </Popconfirm>
          </Space>
        ) : (
          <Button type="link" size="small" onClick={() => setTarget({ mode: 'copy', chain })}>
            以此新建
          </Button>
        ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">修改流程会保存为新版本；已送审的文件仍按送审时的版本流转，不受影响。</Typography.Text>
        <Space wrap>
          <Space size={6}>
            <Switch size="small" checked={showsHistory} onChange={setShowsHistory} aria-label="显示历史版本" />
            <span>显示历史版本</span>
          </Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
            新建流程
          </Button>
        </Space>
      </Flex>
      <Table<ApprovalChainView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={chains}
        loading={isPending}
        pagination={false}
        scroll={{ x: 1100 }}
        rowClassName={(chain) => (chain.isActive ? '' : 'fb-cfg-history')}
        locale={{ emptyText: '尚未配置审批流程：没有适用流程的发文无法送审' }}
      />
      {target && <ChainFormModal target={target} issuers={issuers} onClose={() => setTarget(null)} />}
    </>
  );
};
