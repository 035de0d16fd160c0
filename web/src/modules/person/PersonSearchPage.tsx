/**
 * 当事人查询: a citizen's earlier 信访件, 依申请公开 … found by phone or ID number through the blind index
 * (engine/personal): the number is sent in a POST body, never in the URL, and only cases the user may
 * see come back, each showing the number masked. The search is audited on the server.
 */
import { Button, Form, Input, Radio, Space, Table, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { PersonSearchResult } from '../../../../common/schemas/personal.js';
import { formatDateTime } from '../../app/time.js';
import { api } from '../../app/request.js';
import { DueTag } from '../../components/DueTag.js';
import { PageContainer } from '../../components/PageContainer.js';
import { casePath } from '../cases/api.js';

type Values = { by: 'phone' | 'idNumber'; value: string };
type Item = PersonSearchResult['items'][number];

export const PersonSearchPage = () => {
  const [form] = Form.useForm<Values>();
  const by = Form.useWatch('by', form) ?? 'phone';
  const search = useMutation({ mutationFn: (values: Values) => api.post<PersonSearchResult>('/api/cases/person-search', { [values.by]: values.value.trim() }) });

  return (
    <PageContainer title="当事人查询">
      <Typography.Paragraph type="secondary">
        按联系电话或身份证号码查找同一当事人以往的信访件、依申请公开申请等事项（仅限您有权查看的事项）。每次查询都会记入审计日志。
      </Typography.Paragraph>
      <Form<Values> form={form} layout="inline" initialValues={{ by: 'phone' }} onFinish={(values) => search.mutate(values)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="by">
          <Radio.Group optionType="button" options={[{ value: 'phone', label: '联系电话' }, { value: 'idNumber', label: '身份证号码' }]} />
        </Form.Item>
        <Form.Item
          name="value"
          rules={[{ required: true, whitespace: true, message: by === 'phone' ? '请填写联系电话' : '请填写身份证号码' }]}
        >
          <Input aria-label={by === 'phone' ? '联系电话' : '身份证号码'} placeholder={by === 'phone' ? '如 139 1234 5678' : '18 位身份证号码'} style={{ width: 260 }} allowClear autoComplete="off" />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={search.isPending}>
              查询
            </Button>
          </Space>
        </Form.Item>
      </Form>
      {search.isError && <Typography.Text type="danger">{search.error.message}</Typography.Text>}
      {search.data && (
        <Table<Item>
          rowKey="id"
          size="middle"
          dataSource={search.data.items}
          pagination={false}
          locale={{ emptyText: '没有找到此当事人的事项' }}
          columns={[
            { title: '类别', dataIndex: 'kindLabel', key: 'kindLabel', width: 110, render: (label: string) => <Tag>{label}</Tag> },
            { title: '编号', dataIndex: 'serialNo', key: 'serialNo', width: 150 },
            { title: '标题', dataIndex: 'title', key: 'title', render: (title: string, item) => <Link to={casePath(item.kind, item.id)}>{title}</Link> },
            { title: '匹配', key: 'matched', width: 180, render: (_value, item) => `${item.matchedLabel} ${item.masked}` },
            { title: '状态', dataIndex: 'stateLabel', key: 'stateLabel', width: 100 },
            { title: '时限', key: 'due', width: 140, render: (_value, item) => <DueTag dueDate={item.dueDate} status={item.dueStatus} /> },
            { title: '登记时间', dataIndex: 'createdAt', key: 'createdAt', width: 170, render: formatDateTime },
          ]}
        />
      )}
    </PageContainer>
  );
};
