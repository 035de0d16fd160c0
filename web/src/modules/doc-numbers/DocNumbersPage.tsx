/**
 * 文号登记簿: every number of one 机关代字 and year in order — used, reserved, voided — so a gap
 * would show at once (there should be none). 代字 and year are kept in the URL.
 */
import { FileExcelOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Result, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { DocNumberView } from '../../../../common/schemas/outgoing.js';
import { useCurrentUser } from '../../app/current-user.js';
import { formatDateTime, officeNow } from '../../app/time.js';
import { isApiError } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useIssuerCodes } from '../admin/outgoing/api.js';
import { casePath, exportUrl } from '../cases/api.js';
import { useDocNumberLedger } from './api.js';
import { ReserveModal } from './ReserveModal.js';
import { VoidModal } from './VoidModal.js';

const statusTags: Record<DocNumberView['status'], { color: string; text: string }> = {
  used: { color: 'green', text: '已用' },
  reserved: { color: 'orange', text: '预留' },
  void: { color: 'default', text: '作废' },
};

/** 秘书科 and the 办公室主任 keep the numbers (the server checks the same). */
const keeperRoles = ['clerk', 'director'];

const Remarks = ({ row }: { row: DocNumberView }) => (
  <>
    {row.note && <div>{row.note}</div>}
    {row.voidReason && <Typography.Text type="danger">作废理由：{row.voidReason}</Typography.Text>}
    {!row.note && !row.voidReason && <Typography.Text type="secondary">—</Typography.Text>}
  </>
);

export const DocNumbersPage = () => {
  const user = useCurrentUser();
  const canKeep = user.roles.some((role) => keeperRoles.includes(role));
  const [params, setParams] = useSearchParams();
  const { data: issuers = [] } = useIssuerCodes();
  const thisYear = officeNow().year();
  const requestedYear = Number(params.get('year'));
  const year = Number.isInteger(requestedYear) && requestedYear >= 2000 && requestedYear <= 2199 ? requestedYear : thisYear;
  const issuer = params.get('issuer') ?? issuers.find((item) => item.isActive)?.code ?? issuers[0]?.code;
  const { data, isFetching, isPending, error } = useDocNumberLedger(issuer, year);
  const [dialog, setDialog] = useState<{ kind: 'reserve' } | { kind: 'void'; row: DocNumberView } | null>(null);

  const select = (patch: { issuer?: string; year?: number }) => {
    const next = { issuer: patch.issuer ?? issuer, year: patch.year ?? year };
    setParams({ ...(next.issuer ? { issuer: next.issuer } : {}), ...(next.year === thisYear ? {} : { year: String(next.year) }) }, { replace: true });
  };

  const rows = data?.rows ?? [];
  const count = (status: DocNumberView['status']) => rows.filter((row) => row.status === status).length;
  const isActiveIssuer = issuers.find((item) => item.code === issuer)?.isActive ?? false;

  const columns: TableColumnsType<DocNumberView> = [
    { title: '序号', dataIndex: 'no', key: 'no', width: 70, align: 'right' },
    { title: '文号', dataIndex: 'text', key: 'text', width: 180, render: (text: string) => <Typography.Text strong>{text}</Typography.Text> },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 80,
      render: (status: DocNumberView['status']) => <Tag color={statusTags[status].color}>{statusTags[status].text}</Tag>,
    },
    {
      title: '公文',
      dataIndex: 'caseId',
      key: 'caseId',
      width: 100,
      render: (caseId: string | null) => (caseId ? <Link to={casePath('outgoing', caseId)}>查看公文</Link> : <Typography.Text type="secondary">—</Typography.Text>),
    },
    { title: '预留至', dataIndex: 'reservedUntil', key: 'reservedUntil', width: 170, render: formatDateTime },
    { title: '备注 / 作废理由', key: 'remarks', render: (_value, row) => <Remarks row={row} /> },
    { title: '登记时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: formatDateTime },
    ...(canKeep
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 80,
            render: (_value: unknown, row: DocNumberView) =>
              row.status === 'reserved' && (
                <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'void', row })}>
                  作废
                </Button>
              ),
          },
        ]
      : []),
  ];

  if (isApiError(error) && error.status === 403) {
    return (
      <PageContainer title="文号登记簿">
        <Result status="403" title="无权查看文号登记簿" subTitle="文号登记簿由秘书科和办公室主任管理，督查室和政府领导可以查看。" />
      </PageContainer>
    );
  }

  return (
    <PageContainer
      title="文号登记簿"
      extra={
        <Space wrap>
          <Button icon={<FileExcelOutlined />} href={exportUrl({ kind: 'outgoing', limit: 20 })} download>
            导出发文登记簿
          </Button>
          {canKeep && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!issuer || !isActiveIssuer}
              title={issuer && !isActiveIssuer ? '该机关代字已停用' : undefined}
              onClick={() => setDialog({ kind: 'reserve' })}
            >
              预留文号
            </Button>
          )}
        </Space>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
        <Select
          aria-label="机关代字"
          style={{ width: 240 }}
          placeholder="选择机关代字"
          value={issuer}
          options={issuers.map((item) => ({ value: item.code, label: `${item.code}（${item.isActive ? item.label : '已停用'}）` }))}
          onChange={(code: string) => select({ issuer: code })}
        />
        <Space.Compact>
          <Button aria-label="上一年" icon={<LeftOutlined />} onClick={() => select({ year: year - 1 })} disabled={year <= 2000} />
          <Button style={{ pointerEvents: 'none', minWidth: 84 }}>{year} 年</Button>
          <Button aria-label="下一年" icon={<RightOutlined />} onClick={() => select({ year: year + 1 })} disabled={year >= 2199} />
        </Space.Compact>
        {year !== thisYear && <Button onClick={() => select({ year: thisYear })}>今年</Button>}
        {data && (
          <Typography.Text type="secondary">
            共 {rows.length} 个：已用 {count('used')}，预留 {count('reserved')}，作废 {count('void')}
          </Typography.Text>
        )}
      </Flex>
      {data && data.gaps.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`文号不连续：自 ${issuer}〔${year}〕${data.gaps[0]}号 起缺号`}
          description="文号应按序连续编排，不留空号。请立即联系系统管理员核查，在查明前不要手工补号。"
        />
      )}
      {error && !(isApiError(error) && error.status === 403) && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title="文号登记簿加载失败" description={error.message} />
      )}
      <Table<DocNumberView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={isFetching}
        scroll={{ x: 1000 }}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false, showTotal: (total) => `共 ${total} 个文号` } : false}
        locale={{ emptyText: isPending && issuer ? '加载中…' : issuer ? `${issuer}〔${year}〕尚未编号` : '尚未设置机关代字' }}
      />
      {dialog?.kind === 'reserve' && issuer && <ReserveModal issuerCode={issuer} year={year} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'void' && <VoidModal row={dialog.row} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
};
