/** Shown instead of every page while the account must change its password. */
import { Alert, Card } from 'antd';
import { useNavigate } from 'react-router';
import { ChangePasswordForm } from './ChangePasswordForm.js';

export const ForcedPasswordPage = () => {
  const navigate = useNavigate();
  return (
    <Card title="修改密码" style={{ maxWidth: 560, margin: '24px auto' }}>
      <Alert
        type="warning"
        showIcon
        title="首次登录或密码已过期，请先修改密码"
        description="修改密码后方可使用系统其他功能。"
        style={{ marginBottom: 24 }}
      />
      {/* After the change the layout reloads the user; "/" then opens the first permitted page. */}
      <ChangePasswordForm onChanged={() => navigate('/', { replace: true })} />
    </Card>
  );
};
