/** Change-password form (current, new, confirm). The server enforces the password policy. */
import { Button, Form, Input } from 'antd';
import { requiredRule } from '../../app/form-rules.js';
import { notifySuccess } from '../../app/request.js';
import { useChangePassword } from './api.js';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

export const ChangePasswordForm = ({ onChanged }: { onChanged?: () => void }) => {
  const [form] = Form.useForm<Values>();
  const changePassword = useChangePassword();

  const submit = (values: Values) =>
    changePassword.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          notifySuccess('密码已修改');
          onChanged?.();
        },
      },
    );

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }} requiredMark={false}>
      <Form.Item label="原密码" name="currentPassword" rules={[requiredRule('请输入原密码')]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        label="新密码"
        name="newPassword"
        rules={[requiredRule('请输入新密码')]}
        extra="须符合安全策略：长度和字符种类要求，不能使用常见弱密码。"
      >
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
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={changePassword.isPending}>
          确认修改
        </Button>
      </Form.Item>
    </Form>
  );
};
