/** 实地督查 (and 电话督查, 暗访): where, who, what was found, which 督办 items it checked. */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Select, Table } from 'antd';
import { DatePicker } from '../../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { RecordView } from '../../../../../common/schemas/records.js';
import { requiredRule } from '../../../app/form-rules.js';
import { useSupervisionItems } from '../api.js';
import { useOfficeRecords, useRecordFieldCheck } from './api.js';

type CheckValues = { checkedOn?: Dayjs; method: string; place?: string; people?: string; findings?: string; caseIds: string[] };

const FieldCheckModal = ({ onClose }: { onClose: () => void }) => {
  const { message } = App.useApp();
  const [form] = Form.useForm<CheckValues>();
  const save = useRecordFieldCheck();
  const { data: items = [] } = useSupervisionItems({});
  const submit = (values: CheckValues) =>
    save.mutate(
      { ...values, checkedOn: values.checkedOn?.format('YYYY-MM-DD') },
      { onSuccess: () => { void message.success('已登记'); onClose(); } },
    );
  return (
    <Modal open title="登记督查" okText="登记" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} width={640}>
      <Form<CheckValues> form={form} layout="vertical" initialValues={{ method: '实地', caseIds: [] }} onFinish={submit}>
        <Form.Item label="督查日期" name="checkedOn" rules={[{ required: true, message: '请选择督查日期' }]}>
          <DatePicker aria-label="督查日期" />
        </Form.Item>
        <Form.Item label="方式" name="method">
          <Select aria-label="督查方式" options={['实地', '电话', '暗访'].map((value) => ({ value, label: value }))} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="地点" name="place" rules={[requiredRule('请填写督查地点')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item label="参加人员" name="people" rules={[requiredRule('请填写参加人员')]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item label="督查发现" name="findings" rules={[requiredRule('请填写督查发现')]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} />
        </Form.Item>
        <Form.Item label="督查事项" name="caseIds">
          <Select
            aria-label="督查事项"
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={items.map((item) => ({ value: item.id, label: `${item.serialNo} ${item.title}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export const FieldChecksTab = () => {
  const { data, isPending } = useOfficeRecords('field_check');
  const [isAdding, setAdding] = useState(false);
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setAdding(true)}>
        登记督查
      </Button>
      <Table<RecordView>
        rowKey="id"
        size="middle"
        loading={isPending}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        // The fixed columns are wider than a phone: the row scrolls inside the table, not the whole page sideways.
        scroll={{ x: 800 }}
        columns={[
          { title: '日期', key: 'checkedOn', width: 110, render: (_, row) => String(row.fields.checkedOn) },
          { title: '方式', key: 'method', width: 70, render: (_, row) => String(row.fields.method) },
          { title: '地点', key: 'place', width: 200, render: (_, row) => String(row.fields.place) },
          { title: '参加人员', key: 'people', width: 180, render: (_, row) => String(row.fields.people) },
          { title: '督查发现', key: 'findings', width: 240, ellipsis: true, render: (_, row) => String(row.fields.findings) },
        ]}
      />
      {isAdding && <FieldCheckModal onClose={() => setAdding(false)} />}
    </>
  );
};
