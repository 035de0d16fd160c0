/** Reset a user's password; the user must change it at the next sign-in. */
import { Alert, Form, Input, Modal } from 'antd';
import type { User } from '../../../../../common/schemas/org.js';
import { requiredRule } from '../../../app/form-rules.js';
import { isConflict, notifySuccess } from '../../../app/request.js';
import { useResetPassword } from './api.js';

type Values = { newPassword: string; confirmPassword: string };

export const ResetPasswordModal = ({ user, onClose }: { user: User; onClose: () => void }) => {
  const [form] = Form.useForm<Values>();
  const resetPassword = useResetPassword();

  const submit = (values: Values) =>
    resetPassword.mutate(
      { id: user.id, input: { version: user.version, newPassword: values.newPassword } },
      {
        onSuccess: () => {
          notifySuccess(`已重置 ${user.displayName} 的密码`);
          onClose();
        },
        // The list has reloaded; reopening starts from the fresh version.
        onError: (error) => {
          if (isConflict(error)) onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={`重置密码：${user.displayName}（${user.username}）`}
      okText="重置"
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={resetPassword.isPending}
      mask={{ closable: false }}
    >
      <Alert type="info" showIcon title="重置后该用户下次登录时必须修改密码。请通过安全渠道告知新密码。" style={{ margin: '16px 0' }} />
      <Form<Values> form={form} name="reset-password-form" layout="vertical" onFinish={submit}>
        <Form.Item label="新密码" name="newPassword" rules={[requiredRule('请输入新密码')]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirmPassword"
          dependencies={['newPassword']}
          rules={[
            requiredRule('请再次输入新密码'),
            ({ getFieldValue }) => ({
              validator: async (_rule, value: string | undefined) => {
                if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
};
