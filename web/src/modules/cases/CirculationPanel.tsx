/**
 * 传阅: who it went to and why, who has read it (and what they said), and — highlighted — who has
 * not. Office staff send it on; a recipient marks their own 阅知, with an optional comment.
 */
import { CheckCircleFilled, ClockCircleOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CaseDetail, CirculationView } from '../../../../common/schemas/cases.js';
import { useCurrentUser } from '../../app/current-user.js';
import { formatDateTime } from '../../app/time.js';
import { notifySuccess } from '../../app/request.js';
import { useReadCirculation } from './api.js';
import { CirculateModal } from './CirculateModal.js';
import { Section } from './Section.js';

const ReadModal = ({ detail, circulation, onClose }: { detail: CaseDetail; circulation: CirculationView; onClose: () => void }) => {
  const [comment, setComment] = useState('');
  const read = useReadCirculation();
  const submit = () =>
    read.mutate(
      { caseId: detail.id, circulationId: circulation.id, comment: comment.trim() || undefined },
      {
        onSuccess: () => {
          notifySuccess('已阅知');
          onClose();
        },
      },
    );
  return (
    <Modal open title="阅知" okText="阅知" onOk={submit} onCancel={onClose} confirmLoading={read.isPending} mask={{ closable: false }}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {circulation.sentByName} 传阅：{circulation.purpose}
      </Typography.Paragraph>
      <Input.TextArea aria-label="阅知意见" rows={3} maxLength={2000} placeholder="可不填" value={comment} onChange={(event) => setComment(event.target.value)} />
    </Modal>
  );
};

const Item = ({ circulation, onRead }: { circulation: CirculationView; onRead: () => void }) => {
  const isRead = Boolean(circulation.readAt);
  return (
    <div className={`fb-circulation${isRead ? '' : ' fb-circulation-unread'}`} data-testid="circulation">
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <Space size={6} wrap>
          <Typography.Text strong>{circulation.recipientName}</Typography.Text>
          <Tag>{circulation.recipientType === 'unit' ? '单位' : '个人'}</Tag>
          {isRead ? (
            <Tag color="green" icon={<CheckCircleFilled />}>
              已阅
            </Tag>
          ) : (
            <Tag color="orange" icon={<ClockCircleOutlined />}>
              未阅
            </Tag>
          )}
        </Space>
        {circulation.isMine && !isRead && (
          <Button type="primary" size="small" onClick={onRead}>
            阅知
          </Button>
        )}
      </Flex>
      <Typography.Text type="secondary" className="fb-circulation-line">
        {circulation.sentByName} {formatDateTime(circulation.sentAt)} 传阅：{circulation.purpose}
      </Typography.Text>
      {isRead && (
        <Typography.Text type="secondary" className="fb-circulation-line">
          {circulation.readByName ?? ''} {formatDateTime(circulation.readAt)} 阅知
        </Typography.Text>
      )}
      {circulation.comment && <div className="fb-trail-comment">{circulation.comment}</div>}
    </div>
  );
};

export const CirculationPanel = ({ detail }: { detail: CaseDetail }) => {
  const user = useCurrentUser();
  const [isSending, setIsSending] = useState(false);
  const [reading, setReading] = useState<CirculationView | null>(null);
  const canSend = user.scope === 'all';
  const items = detail.circulations;
  if (items.length === 0 && !canSend) return null;
  // Unread first: who has not read yet is what the office looks for.
  const sorted = [...items].sort((a, b) => Number(Boolean(a.readAt)) - Number(Boolean(b.readAt)));
  const unread = items.filter((item) => !item.readAt).length;
  const summary = items.length ? (
    <Typography.Text type={unread ? 'warning' : 'success'} data-testid="circulation-summary">
      共 {items.length} 处，已阅 {items.length - unread}，未阅 {unread}
    </Typography.Text>
  ) : null;

  return (
    <Section
      title="传阅"
      extra={
        <Space size={12} wrap>
          {summary}
          {canSend && (
            <Button size="small" icon={<SendOutlined />} onClick={() => setIsSending(true)}>
              发起传阅
            </Button>
          )}
        </Space>
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未传阅" />
      ) : (
        <Flex vertical gap={8}>
          {sorted.map((item) => (
            <Item key={item.id} circulation={item} onRead={() => setReading(item)} />
          ))}
        </Flex>
      )}
      {isSending && <CirculateModal detail={detail} onClose={() => setIsSending(false)} />}
      {reading && <ReadModal detail={detail} circulation={reading} onClose={() => setReading(null)} />}
    </Section>
  );
};
