/**
 * 政务公开: the 主动公开 register of a year (登记, 修改, 废止) and the 政府信息公开工作年度报告 built
 * from it, previewed as the template prints it and downloaded as Excel and Word. Year and tab in the URL.
 */
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, Modal, Space, Table, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { PublishedItemView } from '../../../../common/schemas/disclosure.js';
import { useCan, useCurrentUser } from '../../app/current-user.js';
import { requiredRule } from '../../app/form-rules.js';
import { isConflict, notifySuccess } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { AnnualReportPanel } from './AnnualReportPanel.js';
import { usePublishedItems, useRepealPublished } from './api.js';
import { PublishedModal } from './PublishedModal.js';

const RepealModal = ({ item, onClose }: { item: PublishedItemView; onClose: () => void }) => {
  const [form] = Form.useForm<{ repealedOn: Dayjs; reason: string }>();
  const repeal = useRepealPublished();
  return (
    <Modal open title={`废止：${item.title}`} okText="废止" okButtonProps={{ danger: true }} onOk={() => form.submit()} onCancel={onClose} confirmLoading={repeal.isPending} mask={{ closable: false }}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        废止后该事项仍保留在登记簿中，自废止日期起不再计入现行有效件数。
      </Typography.Paragraph>
      <Form
        form={form}
        name="repeal-form"
        layout="vertical"
        initialValues={{ repealedOn: officeNow() }}
        onFinish={(values) =>
          repeal.mutate(
            { id: item.id, input: { repealedOn: values.repealedOn.format('YYYY-MM-DD'), reason: values.reason.trim(), version: item.version } },
            { onSuccess: () => (notifySuccess('已废止'), onClose()), onError: (error) => isConflict(error) && onClose() },
          )
        }
      >
        <Form.Item label="废止日期" name="repealedOn" rules={[{ required: true, message: '请选择废止日期' }]}>
          <DatePicker format="YYYY-MM-DD" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item label="废止原因" name="reason" rules={[requiredRule('请填写废止原因')]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const Amount = ({ item }: { item: PublishedItemView }) => {
  if (item.feeAmount !== null) return <>{item.feeAmount} 万元</>;
  if (item.decisionCount !== null) return <>{item.decisionCount} 件决定</>;
  return <Typography.Text type="secondary">—</Typography.Text>;
};

const RegisterPanel = ({ year }: { year: number }) => {
  const canPublish = useCan('disclosure.publish');
  const isOfficeWide = useCurrentUser().roles.some((role) => role !== 'liaison');
  const { data: items = [], isFetching } = usePublishedItems(year);
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'edit' | 'repeal'; item: PublishedItemView } | null>(null);

  const columns: TableColumnsType<PublishedItemView> = [
    { title: '公开日期', dataIndex: 'publishedOn', key: 'publishedOn', width: 110 },
    {
      title: '公开事项',
      key: 'title',
      render: (_value, item) => (
        <>
          <div>{item.title}</div>
          {item.documentNumber && <Typography.Text type="secondary">{item.documentNumber}</Typography.Text>}
        </>
      ),
    },
    { title: '类别', dataIndex: 'category', key: 'category', width: 130 },
    { title: '公开渠道', dataIndex: 'channels', key: 'channels', width: 200, render: (channels: string[]) => channels.join('、') },
    { title: '单位', dataIndex: 'unitName', key: 'unitName', width: 150 },
    { title: '数量/金额', key: 'amount', width: 110, render: (_value, item) => <Amount item={item} /> },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_value, item) => (item.repealedOn ? <Tag title={item.repealReason ?? undefined}>{item.repealedOn} 废止</Tag> : <Tag color="green">现行有效</Tag>),
    },
    ...(canPublish
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 120,
            render: (_value: unknown, item: PublishedItemView) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', item })}>
                  修改
                </Button>
                {!item.repealedOn && (
                  <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'repeal', item })}>
                    废止
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={12}>
        <Typography.Text type="secondary">
          {year}年登记 {items.length} 条（《条例》第二十六条：信息形成或者变更之日起20个工作日内主动公开）
        </Typography.Text>
        {canPublish && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            登记公开事项
          </Button>
        )}
      </Flex>
      <Table<PublishedItemView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={isFetching}
        scroll={{ x: 1100 }}
        pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: `${year}年尚未登记主动公开事项` }}
      />
      {dialog?.kind === 'create' && <PublishedModal canPickUnit={isOfficeWide} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <PublishedModal item={dialog.item} canPickUnit={false} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'repeal' && <RepealModal item={dialog.item} onClose={() => setDialog(null)} />}
    </>
  );
};

export const DisclosurePage = () => {
  const [params, setParams] = useSearchParams();
  const thisYear = officeNow().year();
  const requested = Number(params.get('year'));
  const year = Number.isInteger(requested) && requested >= 2008 && requested <= 2199 ? requested : thisYear;
  const tab = params.get('tab') === 'report' ? 'report' : 'register';
  const select = (patch: { year?: number; tab?: string }) => {
    const next = { year: patch.year ?? year, tab: patch.tab ?? tab };
    setParams({ ...(next.year === thisYear ? {} : { year: String(next.year) }), ...(next.tab === 'register' ? {} : { tab: next.tab }) }, { replace: true });
  };
  return (
    <PageContainer
      title="政务公开"
      extra={
        <Space.Compact>
          <Button aria-label="上一年" icon={<LeftOutlined />} onClick={() => select({ year: year - 1 })} disabled={year <= 2008} />
          <Button style={{ pointerEvents: 'none', minWidth: 84 }}>{year} 年</Button>
          <Button aria-label="下一年" icon={<RightOutlined />} onClick={() => select({ year: year + 1 })} disabled={year >= 2199} />
        </Space.Compact>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => select({ tab: key })}
        items={[
          { key: 'register', label: '主动公开登记', children: <RegisterPanel year={year} /> },
          { key: 'report', label: '政府信息公开工作年度报告', children: <AnnualReportPanel year={year} /> },
        ]}
      />
    </PageContainer>
  );
};
