/**
 * 录入指标数值: a figure the office is told rather than counts (a score the province publishes), for a
 * period, with its source. Entering again for the same period corrects it; the old figure stays in the trail.
 */
import { Form, Input, InputNumber, Modal, Typography } from 'antd';
import { toPickerValue, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import type { MetricDefinitionView } from '../../../../common/schemas/metrics.js';
import { notifySuccess } from '../../app/request.js';
import { requiredRule } from '../../app/form-rules.js';
import { useEnterMetricValue } from './api.js';

type Values = { period: [Dayjs, Dayjs]; value: number; source: string; note?: string };

export const EnterMetricDialog = ({ definition, period, onClose }: { definition: MetricDefinitionView; period: { from: string; to: string }; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const enter = useEnterMetricValue(definition.id);
  const submit = (values: Values) =>
    enter.mutate(
      { from: values.period[0].format('YYYY-MM-DD'), to: values.period[1].format('YYYY-MM-DD'), value: values.value, source: values.source.trim(), note: (values.note ?? '').trim(), unitId: null },
      {
        onSuccess: () => {
          notifySuccess(`已录入“${definition.label}”`);
          onClose();
        },
      },
    );
  return (
    <Modal open title={`录入：${definition.label}`} okText="录入" onOk={() => form.submit()} onCancel={onClose} confirmLoading={enter.isPending} mask={{ closable: false }}>
      <Typography.Paragraph type="secondary">{definition.description}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ period: [toPickerValue(`${period.from.slice(0, 4)}-01-01`), toPickerValue(`${period.from.slice(0, 4)}-12-31`)] }}
      >
        <Form.Item label="数值所属期间" name="period" rules={[{ required: true, message: '请选择期间' }]} extra="同一期间再次录入即为更正，原数值留痕">
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label={`数值（${definition.unit}）`} name="value" rules={[{ required: true, message: '请填写数值' }]}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="来源" name="source" rules={[requiredRule('请写明数据来源'), { min: 2, message: '请写明数据来源' }]}>
          <Input placeholder="如：省政府办公厅2026年度政务信息工作通报" maxLength={200} />
        </Form.Item>
        <Form.Item label="说明" name="note">
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
};
