/**
 * 市长信箱 (/mailbox): a citizen writes a letter with no account, on a phone as well as a desk. Sending
 * first does the browser's proof-of-work (a second or two), then the letter becomes a 12345 工单; the page
 * shows the query code once — the only way back to the letter (/mailbox/query).
 */
import { Alert, Button, Card, Cascader, Flex, Form, Input, Radio, Result, Select, Typography } from 'antd';
import { Link } from 'react-router';
import { ticketTypes } from '../../../../../common/schemas/hotline.js';
import { useAutoTitle } from './title.js';
import { type LetterDraft, usePublicCategories, useSendLetter } from './api.js';

type FormValues = Omit<LetterDraft, 'category' | 'mayPublish'> & { category: [string, string]; mayPublish: 'yes' | 'no' };

export const MailboxShell = ({ title, children }: { title: string; children: React.ReactNode }) => (
  <div style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>
    <Typography.Title level={4} style={{ textAlign: 'center' }}>
      {title}
    </Typography.Title>
    {children}
  </div>
);

export const MailboxPage = () => {
  useAutoTitle('市长信箱');
  const categories = usePublicCategories();
  const send = useSendLetter();
  const [form] = Form.useForm<FormValues>();

  if (send.isSuccess)
    return (
      <MailboxShell title="市长信箱">
        <Result
          status="success"
          title="来信已收到"
          subTitle="请记下查询码，凭查询码查看办理进度和答复。查询码只显示这一次，遗失后无法找回。"
          extra={
            <Flex vertical gap={12} align="center">
              <Typography.Text copyable strong style={{ fontSize: 22, letterSpacing: 1 }} data-testid="query-code">
                {send.data.queryCode}
              </Typography.Text>
              <Link to="/mailbox/query">查询办理进度</Link>
            </Flex>
          }
        />
      </MailboxShell>
    );

  const submit = (values: FormValues) =>
    send.mutate({ ...values, category: values.category.join('/'), mayPublish: values.mayPublish === 'yes' });

  return (
    <MailboxShell title="市长信箱">
      <Typography.Paragraph type="secondary">
        您的来信将转交12345政务服务便民热线办理。姓名和电话只用于办理和回访，不会公开。紧急情况请拨打 110、119、120。
      </Typography.Paragraph>
      <Card size="small">
        <Form form={form} name="mailbox" layout="vertical" onFinish={submit} initialValues={{ ticketType: '建议', mayPublish: 'yes' }} disabled={send.isPending}>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }, { max: 30 }]}>
            <Input autoComplete="name" maxLength={30} />
          </Form.Item>
          <Form.Item name="phone" label="联系电话" rules={[{ required: true, message: '请填写联系电话' }, { pattern: /^1[3-9][0-9]{9}$|^0[0-9]{2,3}-?[0-9]{7,8}$/, message: '请填写正确的手机或固定电话号码' }]}>
            <Input inputMode="tel" autoComplete="tel" maxLength={20} />
          </Form.Item>
          <Form.Item name="ticketType" label="来信类型" rules={[{ required: true }]}>
            <Select options={ticketTypes.map((value) => ({ value, label: value }))} />
          </Form.Item>
          <Form.Item name="category" label="事项分类" rules={[{ required: true, message: '请选择事项分类' }]}>
            <Cascader
              placeholder="请选择"
              loading={categories.isPending}
              options={(categories.data ?? []).map((top) => ({ value: top.name, label: top.name, children: top.children.map((child) => ({ value: child, label: child })) }))}
            />
          </Form.Item>
          <Form.Item name="subject" label="标题" rules={[{ required: true, message: '请填写标题' }, { min: 2 }, { max: 60 }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="content" label="来信内容" rules={[{ required: true, message: '请填写来信内容' }, { min: 10, message: '来信内容不少于 10 字' }]}>
            <Input.TextArea rows={6} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item name="mayPublish" label="是否同意公开答复">
            <Radio.Group
              options={[
                { value: 'yes', label: '同意公开（不公开姓名和电话）' },
                { value: 'no', label: '不同意' },
              ]}
            />
          </Form.Item>
          {send.isError && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={send.error instanceof Error ? send.error.message : '提交失败，请稍后重试'} />}
          <Button type="primary" htmlType="submit" size="large" block loading={send.isPending}>
            {send.isPending ? '正在进行安全验证并提交…' : '提交'}
          </Button>
        </Form>
      </Card>
      <Typography.Paragraph style={{ textAlign: 'center', marginTop: 12 }}>
        <Link to="/mailbox/query">已写过信？凭查询码查看办理进度</Link>
      </Typography.Paragraph>
    </MailboxShell>
  );
};
