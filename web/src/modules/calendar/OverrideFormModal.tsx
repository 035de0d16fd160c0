/** Add or change one day's override: 放假, 上班（调休）, or back to the plain Monday–Friday rule. */
import { Form, Input, Modal, Radio } from 'antd';
import { toPickerValue, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { requiredRule, zodRule } from '../../app/form-rules.js';
import { isConflict, notifySuccess } from '../../app/request.js';
import {
  type CalendarOverrideView,
  type OverrideKind,
  overrideKindLabels,
  SetOverrideSchema,
  useSetOverride,
} from './api.js';

type Values = { date: Dayjs; kind: OverrideKind; note: string; source: string };

const kindOptions = (Object.keys(overrideKindLabels) as OverrideKind[]).map((kind) => ({ value: kind, label: overrideKindLabels[kind] }));

export const OverrideFormModal = ({
  date,
  existing,
  onClose,
}: {
  /** The day to edit (a click on the year view), or none to pick one. */
  date?: string;
  existing?: CalendarOverrideView;
  onClose: () => void;
}) => {
  const [form] = Form.useForm<Values>();
  const setOverride = useSetOverride();
  const fields = SetOverrideSchema.shape;

  const submit = (values: Values) =>
    setOverride.mutate(
      {
        date: values.date.format('YYYY-MM-DD'),
        input: {
          kind: values.kind,
          note: values.note.trim(),
          source: values.source.trim(),
          ...(existing ? { version: existing.version } : {}),
        },
      },
      {
        onSuccess: (saved) => {
          notifySuccess(`${saved.date} 已设为「${overrideKindLabels[saved.kind]}」`);
          onClose();
        },
        onError: (error) => {
          if (isConflict(error)) onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={existing ? `修改 ${existing.date} 的调整` : '新增日历调整'}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={setOverride.isPending}
      mask={{ closable: false }}
      width={520}
    >
      <Form<Values>
        form={form}
        name="override-form"
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={submit}
        initialValues={{
          date: date ? toPickerValue(date) : undefined,
          kind: existing?.kind ?? 'holiday',
          note: existing?.note ?? '',
          source: existing?.source ?? '',
        }}
      >
        <Form.Item label="日期" name="date" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} disabled={Boolean(existing || date)} />
        </Form.Item>
        <Form.Item label="调整为" name="kind" rules={[{ required: true, message: '请选择' }]}>
          <Radio.Group options={kindOptions} />
        </Form.Item>
        <Form.Item label="名称" name="note" rules={[requiredRule('请填写名称，如「元旦」「春节调休上班」'), zodRule(fields.note)]}>
          <Input maxLength={60} placeholder="如：元旦、春节调休上班、防汛临时调整" />
        </Form.Item>
        <Form.Item label="依据" name="source" rules={[requiredRule('请填写依据，如「国办发明电〔2026〕x号」'), zodRule(fields.source)]}>
          <Input maxLength={200} placeholder="如：国办发明电〔2026〕x号" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
