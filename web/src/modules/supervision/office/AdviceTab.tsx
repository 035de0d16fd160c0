/** 督查建议: what the 督查室 proposed, to whom, and whether it was adopted. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Switch, Table, Tag } from 'antd';
import { DatePicker } from '../../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { RecordView } from '../../../../../common/schemas/records.js';
import { requiredRule } from '../../../app/form-rules.js';
import { useGiveAdvice, useOfficeRecords } from './api.js';

type AdviceValues = { givenOn?: Dayjs; toUnitName?: string; subject?: string; text?: string; isAdopted: boolean };

const AdviceModal = ({ onClose }: { onClose: () => void }) => {
  const { message } = App.useApp();
  const [form] = Form.useForm<AdviceValues>();
  const save = useGiveAdvice();
  return (
    <Modal open title="登记督查建议" okText="登记" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending}>
      <Form<AdviceValues>
        form={form}
        layout="vertical"
        initialValues={{ isAdopted: false }}
        onFinish={(values) => save.mutate({ ...values, givenOn: values.givenOn?.format('YYYY-MM-DD') }, { onSuccess: () => { void message.success('已登记'); onClose(); } })}
      >
        <Form.Item label="提出日期" name="givenOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker aria-label="提出日期" />
        </Form.Item>
        <Form.Item label="建议对象" name="toUnitName" rules={[requiredRule('请填写建议对象')]}>
          <Input maxLength={100} placeholder="如：市政府领导、市教育局" />
        </Form.Item>
        <Form.Item label="建议事项" name="subject" rules={[requiredRule('请填写建议事项')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="建议内容" name="text" rules={[requiredRule('请填写建议内容')]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        <Form.Item label="已采纳" name="isAdopted" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export const AdviceTab = () => {
  const { data, isPending } = useOfficeRecords('inspection_advice');
  const [isAdding, setAdding] = useState(false);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>
        登记督查建议
      </Button>
      <Table<RecordView>
        rowKey="id"
        size="middle"
        loading={isPending}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        // On a phone the fixed columns took the 390 px and left 建议事项 30 px wide: the row scrolls instead.
        scroll={{ x: 600 }}
        columns={[
          { title: '日期', key: 'givenOn', width: 110, render: (_, row) => String(row.fields.givenOn) },
          { title: '建议对象', key: 'toUnitName', width: 160, render: (_, row) => String(row.fields.toUnitName) },
          { title: '建议事项', key: 'subject', width: 240, render: (_, row) => String(row.fields.subject) },
          { title: '采纳', key: 'isAdopted', width: 80, render: (_, row) => (row.fields.isAdopted ? <Tag color="green">已采纳</Tag> : '—') },
        ]}
      />
      {isAdding && <AdviceModal onClose={() => setAdding(false)} />}
    </>
  );
};
