/**
 * 市长信箱 查询 (/mailbox/query): the writer types the query code and sees the state in plain words, and the
 * reply once the center has made it public. A wrong code says only that no letter was found.
 */
import { Alert, Button, Card, Descriptions, Flex, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../app/request.js';
import { useQueryLetter } from './api.js';
import { MailboxShell } from './MailboxPage.js';
import { useAutoTitle } from './title.js';

export const MailboxQueryPage = () => {
  useAutoTitle('市长信箱 查询');
  const [code, setCode] = useState('');
  const lookup = useQueryLetter();
  const found = lookup.data;
  return (
    <MailboxShell title="市长信箱 办理进度查询">
      <Flex vertical gap={12}>
        <Flex gap={8}>
          <Input aria-label="查询码" placeholder="请输入查询码，如 ABCD-EFGH-JKLM-NPQR" value={code} onChange={(event) => setCode(event.target.value)} onPressEnter={() => code.trim() && lookup.mutate(code)} />
          <Button type="primary" disabled={!code.trim()} loading={lookup.isPending} onClick={() => lookup.mutate(code)}>
            查询
          </Button>
        </Flex>
        {lookup.isError && (
          <Alert type="warning" showIcon title={isApiError(lookup.error) && lookup.error.status === 404 ? '没有找到这个查询码对应的来信，请核对后重试' : '查询失败，请稍后重试'} />
        )}
        {found && (
          <Card size="small" title={found.subject}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="来信日期">{found.receivedOn}</Descriptions.Item>
              <Descriptions.Item label="办理进度">
                <Tag color={found.isFinished ? 'green' : 'blue'}>{found.status}</Tag>
              </Descriptions.Item>
            </Descriptions>
            {found.reply ? (
              <div data-testid="public-reply">
                <Typography.Text strong>答复（{found.reply.on} 公开）</Typography.Text>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{found.reply.text}</Typography.Paragraph>
              </div>
            ) : (
              <Typography.Text type="secondary">答复公开后将在此显示。</Typography.Text>
            )}
          </Card>
        )}
        <Typography.Paragraph style={{ textAlign: 'center' }}>
          <Link to="/mailbox">写信</Link>
        </Typography.Paragraph>
      </Flex>
    </MailboxShell>
  );
};
