/** 机关代字: the codes a 文号 is built from, each with its printed head, signature, 版记 and 主要负责人. */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Flex, Popconfirm, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { documentFormatLabels, type IssuerCode } from '../../../../../common/schemas/outgoing.js';
import { isApiError, notifySuccess } from '../../../app/request.js';
import { usePrincipalCandidates, useIssuerCodes, useUpdateIssuerCode } from './api.js';
import { IssuerCodeFormModal, principalLabel } from './IssuerCodeFormModal.js';

type Dialog = { kind: 'create' } | { kind: 'edit'; issuer: IssuerCode };

const dash = <Typography.Text type="secondary">—</Typography.Text>;

export const IssuerCodesTab = () => {
  const { data: issuers = [], isPending, error } = useIssuerCodes();
  const { data: principals = [] } = usePrincipalCandidates();
  const updateIssuer = useUpdateIssuerCode();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const principalById = new Map(principals.map((person) => [person.id, person]));

  const setActive = (issuer: IssuerCode, isActive: boolean) => {
    const { code, ...rest } = issuer;
    updateIssuer.mutate(
      { code, input: { ...rest, isActive } },
      { onSuccess: () => notifySuccess(isActive ? `${code} 已启用` : `${code} 已停用`) },
    );
  };

  const columns: TableColumnsType<IssuerCode> = [
    { title: '代字', dataIndex: 'code', key: 'code', width: 96, render: (code: string) => <Typography.Text strong>{code}</Typography.Text> },
    { title: '名称', dataIndex: 'label', key: 'label', width: 130 },
    { title: '发文机关标志', dataIndex: 'issuerName', key: 'issuerName' },
    { title: '署名', dataIndex: 'organName', key: 'organName' },
    { title: '印发机关', dataIndex: 'printerName', key: 'printerName' },
    { title: '版式', dataIndex: 'format', key: 'format', width: 90, render: (format: IssuerCode['format']) => documentFormatLabels[format] },
    {
      title: '主要负责人',
      dataIndex: 'principalId',
      key: 'principalId',
      width: 160,
      render: (principalId: string | null) => {
        if (!principalId) return <Typography.Text type="warning">未设置</Typography.Text>;
        const person = principalById.get(principalId);
        return person ? principalLabel(person) : dash;
      },
    },
    {
      title: '状态',
      dataIndex: 'isActive',
      key: 'isActive',
      width: 80,
      render: (isActive: boolean) => <Badge status={isActive ? 'success' : 'default'} text={isActive ? '启用' : '停用'} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_value, issuer) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', issuer })}>
            编辑
          </Button>
          {issuer.isActive ? (
            <Popconfirm
              title={`停用机关代字“${issuer.code}”？`}
              description="停用后不能再用此代字编号，已编的文号不受影响。"
              okText="停用"
              cancelText="取消"
              onConfirm={() => setActive(issuer, false)}
            >
              <Button type="link" size="small" danger>
                停用
              </Button>
            </Popconfirm>
          ) : (
            <Button type="link" size="small" onClick={() => setActive(issuer, true)}>
              启用
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">文号由机关代字、年份和序号组成，如 示政办发〔2026〕3号；每个代字每年从 1 号起连续编号。</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
          新增机关代字
        </Button>
      </Flex>
      {isApiError(error) && <Alert type="error" showIcon title="无法读取机关代字" description={error.message} style={{ marginBottom: 16 }} />}
      <Table<IssuerCode>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={issuers}
        loading={isPending && !error}
        pagination={false}
        scroll={{ x: 1080 }}
        locale={{ emptyText: '尚未设置机关代字' }}
      />
      {dialog && (
        <IssuerCodeFormModal
          issuer={dialog.kind === 'edit' ? dialog.issuer : null}
          principals={principals}
          nextSortOrder={Math.min(1000, Math.max(0, ...issuers.map((issuer) => issuer.sortOrder)) + 10)}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
};
