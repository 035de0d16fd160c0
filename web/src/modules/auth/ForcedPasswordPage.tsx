/** Shown instead of every page while the account must change its password. */
import { Alert, Card } from 'antd';
import { useNavigate } from 'react-router';
import type { CurrentUser } from '../../../../common/schemas/auth.js';
import { formatDateTime } from '../../app/time.js';
import { useMe } from './api.js';
import { ChangePasswordForm } from './ChangePasswordForm.js';

/** Who reset the password and when, so that a reset the user did not ask for is noticed. */
const resetNotice = (reset: NonNullable<CurrentUser['passwordReset']>): string =>
  reset.via === 'cli'
    ? `您的密码于 ${formatDateTime(reset.at)} 由服务器操作员通过命令行重置。如非本人申请，请立即联系安全管理员。`
    : `您的密码于 ${formatDateTime(reset.at)} 由系统管理员 ${reset.requestedByName ?? '（未知）'} 发起、安全管理员 ${reset.approvedByName ?? '（未知）'} 批准重置。如非本人申请，请立即联系安全管理员。`;

export const ForcedPasswordPage = () => {
  const navigate = useNavigate();
  const reset = useMe().data?.passwordReset;
  return (
    <Card title="修改密码" style={{ maxWidth: 560, margin: '24px auto' }}>
      {reset && <Alert type="info" showIcon title="密码已被重置" description={resetNotice(reset)} style={{ marginBottom: 16 }} />}
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
