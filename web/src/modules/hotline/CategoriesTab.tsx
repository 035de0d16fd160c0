/** 诉求分类: the center keeps the two-level tree — adds a category (一级, or 二级 under one), stops or restarts one. */
import { Button, Form, Input, Select, Space, Switch, Table } from 'antd';
import type { RecordView } from '../../../../common/schemas/records.js';
import { notifySuccess } from '../../app/request.js';
import { useCategoryRecords, useSaveCategory } from './api.js';

type Values = { name: string; parent?: string };
type Category = { name: string; parent: string; isActive: boolean; sortOrder: number };

export const CategoriesTab = () => {
  const [form] = Form.useForm<Values>();
  const { data, isFetching } = useCategoryRecords();
  const save = useSaveCategory();
  const rows = (data?.items ?? []).map((record) => ({ record, fields: record.fields as Category }));
  rows.sort((a, b) => (a.fields.parent || a.fields.name).localeCompare(b.fields.parent || b.fields.name, 'zh') || (a.fields.parent ? 1 : -1) || a.fields.sortOrder - b.fields.sortOrder);
  const tops = rows.filter((row) => !row.fields.parent).map((row) => row.fields.name);
  const toggle = (record: RecordView, fields: Category) => save.mutate({ record, fields: { ...fields, isActive: !fields.isActive } });
  return (
    <>
      <Form<Values>
        form={form}
        layout="inline"
        style={{ marginBottom: 16 }}
        onFinish={(values) =>
          save.mutate(
            { fields: { name: values.name.trim(), parent: values.parent ?? '', isActive: true, sortOrder: 0 } },
            { onSuccess: () => (notifySuccess('已添加分类'), form.resetFields()) },
          )
        }
      >
        <Form.Item name="parent">
          <Select allowClear placeholder="一级分类（不选则新增一级）" style={{ width: 220 }} options={tops.map((name) => ({ value: name, label: name }))} />
        </Form.Item>
        <Form.Item name="name" rules={[{ required: true, message: '请填写分类名称' }]}>
          <Input placeholder="分类名称" maxLength={40} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          添加
        </Button>
      </Form>
      <Table
        rowKey={(row) => row.record.id}
        size="small"
        loading={isFetching}
        dataSource={rows}
        pagination={false}
        columns={[
          { title: '一级分类', key: 'parent', render: (_, row) => row.fields.parent || row.fields.name },
          { title: '二级分类', key: 'name', render: (_, row) => (row.fields.parent ? row.fields.name : '—') },
          {
            title: '启用',
            key: 'isActive',
            width: 90,
            render: (_, row) => (
              <Space>
                <Switch size="small" checked={row.fields.isActive} onChange={() => toggle(row.record, row.fields)} aria-label={`启用${row.fields.name}`} />
              </Space>
            ),
          },
        ]}
      />
    </>
  );
};
