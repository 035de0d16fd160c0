/** 作废 a reserved number: it stays in the register with the reason and is never given again. */
import { Form, Input, Modal, Typography } from 'antd';
import { type DocNumberView, VoidDocNumberInput } from '../../../../common/schemas/outgoing.js';
import { requiredRule, zodRule } from '../../app/form-rules.js';
import { isConflict, notifySuccess } from '../../app/request.js';
import { useVoidDocNumber } from './api.js';

type Values = { reason: string };

export const VoidModal = ({ row, onClose }: { row: DocNumberView; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const voidNumber = useVoidDocNumber();

  const submit = (values: Values) =>
    voidNumber.mutate(
      { id: row.id, version: row.version, reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(`${row.text} 已作废`);
          onClose();
        },
        // The register has reloaded; closing makes the next try start from the fresh row.
        onError: (error) => {
          if (isConflict(error)) onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={`作废文号：${row.text}`}
      okText="作废"
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={voidNumber.isPending}
      mask={{ closable: false }}
      width={480}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        作废后该文号保留在登记簿中并注明理由，不再编给其他文件（文号须连续，不留空号）。
      </Typography.Paragraph>
      <Form<Values> form={form} name="void-form" layout="vertical" onFinish={submit}>
        <Form.Item label="作废理由" name="reason" rules={[requiredRule('作废须写明理由'), zodRule(VoidDocNumberInput.shape.reason)]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
};
