/** 预留文号: takes the next number of a 代字 and year now, for a document still being drafted. */
import { Alert, Form, Input, Modal } from 'antd';
import { fromPickerValue, officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { ReserveDocNumberInput } from '../../../../common/schemas/outgoing.js';
import { requiredRule, zodRule } from '../../app/form-rules.js';
import { notifySuccess } from '../../app/request.js';
import { useReserveDocNumber } from './api.js';

type Values = { until: Dayjs; note: string };

export const ReserveModal = ({ issuerCode, year, onClose }: { issuerCode: string; year: number; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const reserve = useReserveDocNumber();

  const submit = (values: Values) =>
    reserve.mutate(
      { issuerCode, year, until: fromPickerValue(values.until), note: values.note.trim() },
      {
        onSuccess: (row) => {
          notifySuccess(`已预留 ${row.text}`);
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={`预留文号：${issuerCode}〔${year}〕`}
      okText="预留"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={reserve.isPending}
      mask={{ closable: false }}
      width={520}
    >
      <Alert
        type="info"
        showIcon
        style={{ margin: '12px 0' }}
        title="预留即占用下一个序号；到期未使用的预留号自动作废并留在登记簿中，不会再编给其他文件。"
      />
      <Form<Values>
        form={form}
        name="reserve-form"
        layout="vertical"
        onFinish={submit}
        initialValues={{ until: officeNow().add(7, 'day').hour(18).minute(0).second(0) }}
      >
        <Form.Item label="预留至" name="until" rules={[{ required: true, message: '请选择预留截止时间' }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(date) => date.isBefore(officeNow(), 'day')}
          />
        </Form.Item>
        <Form.Item label="预留用途" name="note" rules={[requiredRule('请写明预留用途'), zodRule(ReserveDocNumberInput.shape.note)]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder="如 市政府常务会议纪要（第 5 次）" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
