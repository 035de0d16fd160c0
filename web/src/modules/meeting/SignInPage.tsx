/** The page a phone opens from the meeting's QR code: one big button, then who signed in and when. */
import { Button, Result, Typography } from 'antd';
import { useParams, useSearchParams } from 'react-router';
import { useCurrentUser } from '../../app/current-user.js';
import { useSignIn } from './api.js';
import { formatTime } from '../../app/time.js';

export const SignInPage = () => {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('t') ?? '';
  const user = useCurrentUser();
  const signIn = useSignIn();
  if (signIn.data)
    return <Result status="success" title={signIn.data.isNew ? '签到成功' : '您已签到'} subTitle={`${signIn.data.name} · ${formatTime(signIn.data.at, 'HH:mm')}`} />;
  return (
    <div style={{ maxWidth: 360, margin: '32px auto', textAlign: 'center' }}>
      <Typography.Title level={4}>会议签到</Typography.Title>
      <Typography.Paragraph>{user.displayName}</Typography.Paragraph>
      <Button type="primary" size="large" block disabled={!token} loading={signIn.isPending} onClick={() => signIn.mutate({ meetingId: id, token })}>
        签到
      </Button>
    </div>
  );
};
