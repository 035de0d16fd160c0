/** One meeting: its arrangement and state actions, 议题 and agenda, 回执 and sign-in, and its trail. */
import { Button, Descriptions, Input, Modal, Result, Space, Spin, Tabs, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { MeetingDetail } from '../../../../common/schemas/meeting.js';
import { notifySuccess } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { AgendaPanel } from './AgendaPanel.js';
import { AttendancePanel } from './AttendancePanel.js';
import { meetingStateLabels, useMeeting, useMeetingAction } from './api.js';
import { formatTime } from '../../app/time.js';

const Actions = ({ detail }: { detail: MeetingDetail }) => {
  const action = useMeetingAction();
  const [isCancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const { id, version, state } = detail.meeting;
  const download = (
    <Button href={`/api/meetings/${id}/notice.docx`} download>
      会议通知（Word）
    </Button>
  );
  if (!detail.can.manage) return download;
  const run = (name: 'notice' | 'hold' | 'cancel', done: string, extra?: string) => action.mutate({ id, action: name, version, reason: extra }, { onSuccess: () => notifySuccess(done) });
  return (
    <Space>
      {download}
      {state === 'planned' && <Button type="primary" loading={action.isPending} onClick={() => run('notice', '会议通知已发送')}>发送会议通知</Button>}
      {state === 'noticed' && <Button loading={action.isPending} onClick={() => run('hold', '已确认召开')}>确认已召开</Button>}
      {['planned', 'noticed'].includes(state) && <Button danger onClick={() => setCancelling(true)}>取消会议</Button>}
      {isCancelling && (
        <Modal open title="取消会议" okText="取消会议" okButtonProps={{ danger: true, disabled: !reason.trim() }} onOk={() => (run('cancel', '会议已取消', reason.trim()), setCancelling(false))} onCancel={() => setCancelling(false)}>
          <Input.TextArea aria-label="取消原因" placeholder="取消原因" value={reason} onChange={(event) => setReason(event.target.value)} />
        </Modal>
      )}
    </Space>
  );
};

export const MeetingDetailPage = () => {
  const { id = '' } = useParams();
  const { data: detail, isError, error } = useMeeting(id);
  const back = <Link to="/meetings">返回会议列表</Link>;
  if (isError) {
    return (
      <PageContainer title="会议" extra={back}>
        <Result status="warning" title="无法查看该会议" subTitle={error.message} extra={back} />
      </PageContainer>
    );
  }
  if (!detail) {
    return (
      <PageContainer title="会议" extra={back}>
        <Spin description="加载中…" />
      </PageContainer>
    );
  }
  const fields = detail.meeting.fields;
  return (
    <PageContainer
      title={detail.meeting.title}
      extra={
        <Space wrap>
          {back}
          <Actions detail={detail} />
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="会议类型"><Tag>{String(fields.meetingType)}</Tag></Descriptions.Item>
        <Descriptions.Item label="状态">{meetingStateLabels[detail.meeting.state]}</Descriptions.Item>
        <Descriptions.Item label="时间">{`${formatTime(detail.meeting.startsAt)}–${formatTime(detail.meeting.endsAt, 'HH:mm')}`}</Descriptions.Item>
        <Descriptions.Item label="地点">{detail.roomName ?? (fields.location as string | undefined) ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="出席领导">{detail.leaders.map((leader) => leader.name).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label="参会单位">{detail.units.map((unit) => unit.name).join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label="议题报送截止">{formatTime(fields.submissionDeadline ? String(fields.submissionDeadline) : null)}</Descriptions.Item>
        {typeof fields.cancelReason === 'string' && <Descriptions.Item label="取消原因">{fields.cancelReason}</Descriptions.Item>}
      </Descriptions>
      <Tabs
        items={[
          { key: 'agenda', label: `议题（${detail.items.length}）`, children: <AgendaPanel key={detail.meeting.version} detail={detail} /> },
          { key: 'attendance', label: '回执与签到', children: <AttendancePanel detail={detail} /> },
          {
            key: 'trail',
            label: '留痕',
            children: (
              <Timeline
                items={detail.meeting.events.map((event) => ({
                  children: (
                    <Typography.Text>
                      {formatTime(event.at)} {event.actorName}：{event.comment ?? event.action}
                    </Typography.Text>
                  ),
                }))}
              />
            ),
          },
        ]}
      />
    </PageContainer>
  );
};
