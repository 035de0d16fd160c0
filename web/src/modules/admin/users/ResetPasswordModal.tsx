/**
 * 发起重置 (系统管理员): states a reason; the server answers with the first half of the temporary
 * password only. The 安全管理员's approval yields the second half; neither half alone signs in.
 */
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { PasswordResetHalf, User } from '../../../../../common/schemas/org.js';
import { requiredRule } from '../../../app/form-rules.js';
import { useRequestPasswordReset } from './api.js';

type Values = { reason: string };

export const ResetPasswordModal = ({ user, onClose }: { user: User; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const requestReset = useRequestPasswordReset();
  const [result, setResult] = useState<PasswordResetHalf | null>(null);

  const submit = (values: Values) =>
    requestReset.mutate({ id: user.id, input: { reason: values.reason.trim() } }, { onSuccess: setResult });

  if (result) {
    return (
      <Modal open title={`已发起重置：${user.displayName}（${user.username}）`} okText="我已记下" onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} onCancel={onClose} mask={{ closable: false }}>
        <Alert
          type="warning"
          showIcon
          style={{ margin: '16px 0' }}
          title="两人规则：此为临时密码的前半段"
          description="安全管理员批准后会得到后半段。请将前半段单独交给用户本人；用户登录时依次输入前半段和后半段，并须立即修改密码。此页关闭后不再显示。"
        />
        <Typography.Paragraph>
          前半段：
          <Typography.Text code copyable strong data-testid="reset-half">
            {result.half}
          </Typography.Text>
        </Typography.Paragraph>
      </Modal>
    );
  }

  return (
    <Modal
      open
      title={`发起重置：${user.displayName}（${user.username}）`}
      okText="发起重置"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={requestReset.isPending}
      mask={{ closable: false }}
    >
      <Alert type="info" showIcon title="重置须经安全管理员批准，生效前原密码仍可使用。" style={{ margin: '16px 0' }} />
      <Form<Values> form={form} name="reset-password-form" layout="vertical" onFinish={submit}>
        <Form.Item label="重置原因" name="reason" rules={[requiredRule('请填写重置原因'), { min: 2, message: '请填写重置原因' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
};
