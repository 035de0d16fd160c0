/** A list of records of one type (会议室, 会议类型, 会风会纪通报) with a form to add or change one. */
import type { Dayjs } from 'dayjs';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Select, Table } from 'antd';
import { toPickerValue, pickerDay, DatePicker } from '../../app/time.js';
import { useState } from 'react';
import type { RecordView } from '../../../../common/schemas/records.js';
import { requiredRule } from '../../app/form-rules.js';
import { notifySuccess } from '../../app/request.js';
import { useUnits } from '../admin/units/api.js';
import { useRecordList, useSaveRecord } from './api.js';

type RecordTypeKey = 'meeting_room' | 'meeting_type' | 'discipline_notice';

const FieldsForm = ({ type }: { type: RecordTypeKey }) => {
  const units = useUnits().data ?? [];
  if (type === 'meeting_room')
    return (
      <>
        <Form.Item label="名称" name="name" rules={[requiredRule('请填写会议室名称')]}><Input maxLength={60} /></Form.Item>
        <Form.Item label="位置" name="location"><Input maxLength={100} /></Form.Item>
        <Form.Item label="容纳人数" name="capacity" rules={[{ required: true, message: '请填写容纳人数' }]}><InputNumber min={1} max={5000} /></Form.Item>
      </>
    );
  if (type === 'meeting_type')
    return (
      <>
        <Form.Item label="名称" name="name" rules={[requiredRule('请填写名称')]}><Input maxLength={40} /></Form.Item>
        <Form.Item name="isActive" valuePropName="checked"><Checkbox>启用</Checkbox></Form.Item>
        <Form.Item label="排序" name="sortOrder"><InputNumber min={0} max={999} /></Form.Item>
      </>
    );
  return (
    <>
      <Form.Item label="通报日期" name="issuedOn" rules={[{ required: true, message: '请选择通报日期' }]}><DatePicker format="YYYY-MM-DD" /></Form.Item>
      <Form.Item label="标题" name="subject" rules={[requiredRule('请填写通报标题')]}><Input maxLength={200} /></Form.Item>
      <Form.Item label="内容" name="content" rules={[requiredRule('请填写通报内容')]}><Input.TextArea rows={4} maxLength={5000} /></Form.Item>
      <Form.Item label="被通报单位" name="unitIds"><Select mode="multiple" optionFilterProp="label" options={units.map((unit) => ({ value: unit.id, label: unit.name }))} /></Form.Item>
    </>
  );
};

const RecordModal = ({ type, label, record, onClose }: { type: RecordTypeKey; label: string; record?: RecordView; onClose: () => void }) => {
  const [form] = Form.useForm<Record<string, unknown>>();
  const save = useSaveRecord();
  const initial = record ? { ...record.fields, ...(type === 'discipline_notice' ? { issuedOn: toPickerValue(String(record.fields.issuedOn)) } : {}) } : type === 'meeting_type' ? { isActive: true, sortOrder: 0 } : {};
  const submit = (values: Record<string, unknown>) => {
    const fields = type === 'discipline_notice' ? { ...values, issuedOn: pickerDay(values.issuedOn as Dayjs) } : values;
    save.mutate({ type, id: record?.id, version: record?.version, fields }, { onSuccess: () => (notifySuccess('已保存'), onClose()) });
  };
  return (
    <Modal open title={`${record ? '修改' : '新增'}${label}`} onOk={() => form.submit()} onCancel={onClose} confirmLoading={save.isPending} mask={{ closable: false }}>
      <Form form={form} name={`${type}-form`} layout="vertical" initialValues={initial} onFinish={submit}>
        <FieldsForm type={type} />
      </Form>
    </Modal>
  );
};

const display = (value: unknown): string => (typeof value === 'boolean' ? (value ? '是' : '否') : Array.isArray(value) ? `${value.length} 个` : String(value ?? ''));

export const RecordsTab = ({ type, canManage }: { type: RecordTypeKey; canManage: boolean }) => {
  const { data, isPending } = useRecordList(type);
  const [editing, setEditing] = useState<RecordView | 'new' | null>(null);
  const label = data?.label ?? '';
  return (
    <>
      {canManage && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
          新增{label}
        </Button>
      )}
      <Table
        aria-label={label}
        rowKey="id"
        size="small"
        loading={isPending}
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          ...(data?.columns ?? []).map((column) => ({ title: column.label, key: column.key, render: (_: unknown, row: RecordView) => display(row.fields[column.key]) })),
          ...(canManage ? [{ title: '操作', key: 'actions', width: 80, render: (_: unknown, row: RecordView) => <Button size="small" onClick={() => setEditing(row)}>修改</Button> }] : []),
        ]}
      />
      {editing && <RecordModal type={type} label={label} record={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
};
