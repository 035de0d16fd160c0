/** Sign-in page. Server messages (用户名或密码错误, 账号已锁定…) are shown above the form. */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useEffect } from 'react';
import { Navigate, useLocation } from 'react-router';
import { menuFor } from '../../../../common/access.js';
import type { CurrentUser, LoginInput } from '../../../../common/schemas/auth.js';
import { productName, titleFor, useOfficeName } from '../../app/brand.js';
import { homePathFor } from '../../app/guards.js';
import { useLogin, useMe } from './api.js';
import './login.css';

/** Back to the page that sent the user here if this user may open it, else the first menu entry. */
const targetAfterLogin = (user: CurrentUser, from: unknown): string => {
  const entry = menuFor(user.permissions).find((item) => item.path === from);
  return entry ? entry.path : homePathFor(user);
};

export const LoginPage = () => {
  const { data: me } = useMe();
  const login = useLogin();
  const location = useLocation();
  const from: unknown = (location.state as { from?: unknown } | null)?.from;
  const officeName = useOfficeName();

  useEffect(() => {
    document.title = `登录 · ${titleFor(officeName)}`;
  }, [officeName]);

  if (me) return <Navigate to={targetAfterLogin(me, from)} replace />;

  // On success the cached user is set and the <Navigate> above takes over.
  const submit = (values: LoginInput) => login.mutate(values);

  return (
    <div className="fb-login">
      <div className="fb-login-banner">
        <div className="fb-login-mark" aria-hidden>
          府
        </div>
        <Typography.Title level={2} className="fb-login-title">
          {productName}
        </Typography.Title>
        <div className="fb-login-office">{officeName} · 综合办公平台</div>
      </div>
      <Card className="fb-login-card" title="用户登录">
        {login.error && (
          <Alert type="error" showIcon title={login.error.message} role="alert" style={{ marginBottom: 16 }} />
        )}
        <Form<LoginInput> layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="fb-login-hint">
          本系统为非涉密办公系统，严禁处理涉密信息。连续多次输错密码将锁定账号。
        </Typography.Paragraph>
      </Card>
    </div>
  );
};
