/**
 * On a 督办 item's page: the 督办通知 sent about it and the checks made of it, and — for the 督查室, while
 * the item is being handled — 发督办通知 in one step (text worded from the item's state; the Word follows).
 */
import { FileWordOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, List, Modal, Radio, Typography } from 'antd';
import { officeNow, DatePicker } from '../../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { CaseDetail } from '../../../../../common/schemas/cases.js';
import { useCan } from '../../../app/current-user.js';
import { Section } from '../../cases/Section.js';
import { noticeDocxUrl, useCaseRecords, useSendNotice } from './api.js';

type NoticeValues = { noticeType: '督办通知' | '督办函'; replyBy?: Dayjs; text?: string };

const SendNoticeModal = ({ caseId, onClose }: { caseId: string; onClose: () => void }) => {
  const { message } = App.useApp();
  const [form] = Form.useForm<NoticeValues>();
  const send = useSendNotice();
  return (
    <Modal open title="发督办通知" okText="发出" cancelText="取消" onOk={() => form.submit()} onCancel={onClose} confirmLoading={send.isPending}>
      <Form<NoticeValues>
        form={form}
        layout="vertical"
        initialValues={{ noticeType: '督办通知', replyBy: officeNow().add(5, 'day') }}
        onFinish={(values) =>
          send.mutate(
            { caseId, noticeType: values.noticeType, replyBy: values.replyBy!.format('YYYY-MM-DD'), ...(values.text?.trim() ? { text: values.text.trim() } : {}) },
            { onSuccess: (notice) => { void message.success(`已发出 ${notice.title.split('：')[0]}`); onClose(); } },
          )
        }
      >
        <Form.Item label="类型" name="noticeType">
          <Radio.Group options={['督办通知', '督办函']} />
        </Form.Item>
        <Form.Item label="报送期限" name="replyBy" rules={[{ required: true, message: '请选择报送期限' }]}>
          <DatePicker aria-label="报送期限" />
        </Form.Item>
        <Form.Item label="督办要求" name="text" extra="不填则按事项的办理情况自动生成">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const relationLabels: Record<string, string> = { notice: '督办通知', field_check: '督查', decision: '会议', minutes: '纪要' };

export const SupervisionOfficeSection = ({ detail }: { detail: CaseDetail }) => {
  const canSend = useCan('supervision.manage') && detail.state === 'handling';
  const { data: linked = [] } = useCaseRecords(detail.id);
  const [isSending, setSending] = useState(false);
  if (!canSend && linked.length === 0) return null;
  return (
    <Section title="督办通知与督查" extra={canSend && <Button onClick={() => setSending(true)}>发督办通知</Button>}>
      {linked.length === 0 ? (
        <Typography.Text type="secondary">尚未发督办通知</Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          data-testid="supervision-linked-records"
          dataSource={linked}
          renderItem={(record) => (
            <List.Item>
              <Flex justify="space-between" style={{ width: '100%' }} gap={8} wrap>
                <span>
                  <Typography.Text type="secondary">{relationLabels[record.relation] ?? record.relation}</Typography.Text> {record.title}
                </span>
                {record.type === 'supervision_notice' && (
                  <Button size="small" icon={<FileWordOutlined />} href={noticeDocxUrl(record.id)} download>
                    Word
                  </Button>
                )}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {isSending && <SendNoticeModal caseId={detail.id} onClose={() => setSending(false)} />}
    </Section>
  );
};
