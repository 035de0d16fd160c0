/** Change-password form (current, new, confirm). The server enforces the password policy. */
import { useQuery } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import type { PasswordRules } from '../../../../common/schemas/auth.js';
import { requiredRule } from '../../app/form-rules.js';
import { api, notifySuccess } from '../../app/request.js';
import { useChangePassword } from './api.js';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

/** The policy in words, so a newcomer knows it before the first refusal. */
const describeRules = (rules: PasswordRules | undefined): string =>
  rules
    ? `至少 ${rules.minLength} 位，包含大写字母、小写字母、数字、符号中的至少 ${rules.requireCharClasses} 类${rules.rejectCommonPasswords ? '，不能使用常见弱密码（如 P@ssw0rd、12345678）' : ''}。`
    : '须符合本单位的密码安全策略。';

export const ChangePasswordForm = ({ onChanged }: { onChanged?: () => void }) => {
  const [form] = Form.useForm<Values>();
  const changePassword = useChangePassword();
  const { data: rules } = useQuery({ queryKey: ['auth', 'password-rules'], queryFn: () => api.get<PasswordRules>('/api/auth/password-rules'), staleTime: 60_000 });

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
        extra={describeRules(rules)}
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
