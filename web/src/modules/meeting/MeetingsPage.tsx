/** 会议: the year's meetings, the leaders' week, rooms, 会风会纪通报 and meeting types, one tab each (tab and year in the URL). */
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { RecordView } from '../../../../common/schemas/records.js';
import { useCan } from '../../app/current-user.js';
import { PageContainer } from '../../components/PageContainer.js';
import { meetingStateLabels, useMeetings } from './api.js';
import { LeaderWeek } from './LeaderWeek.js';
import { MeetingModal } from './MeetingModal.js';
import { RecordsTab } from './RecordsTab.js';
import { formatTime, officeNow } from '../../app/time.js';

const MeetingList = () => {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || officeNow().year();
  const { data = [], isFetching } = useMeetings(year);
  const setYear = (next: number) => setParams((current) => (current.set('year', String(next)), current));
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Button aria-label="上一年" icon={<LeftOutlined />} onClick={() => setYear(year - 1)} />
        <Typography.Text strong>{year} 年</Typography.Text>
        <Button aria-label="下一年" icon={<RightOutlined />} onClick={() => setYear(year + 1)} />
      </Flex>
      <Table<RecordView>
        aria-label="会议列表"
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        // On a phone the fixed columns took all 390 px and left the 会议名称 44 px wide: the row scrolls instead.
        scroll={{ x: 650 }}
        columns={[
          { title: '时间', key: 'time', width: 170, render: (_, row) => `${formatTime(row.startsAt)}–${formatTime(row.endsAt, 'HH:mm')}` },
          { title: '会议类型', key: 'type', width: 130, render: (_, row) => <Tag>{String(row.fields.meetingType)}</Tag> },
          { title: '会议名称', key: 'title', width: 260, render: (_, row) => <Link to={`/meetings/${row.id}`}>{row.title}</Link> },
          { title: '状态', key: 'state', width: 90, render: (_, row) => meetingStateLabels[row.state] ?? row.state },
        ]}
      />
    </>
  );
};

export const MeetingsPage = () => {
  const [params, setParams] = useSearchParams();
  const canManage = useCan('meeting.manage');
  const [isArranging, setArranging] = useState(false);
  const tab = params.get('tab') ?? 'list';
  return (
    <PageContainer
      title="会议"
      extra={canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setArranging(true)}>安排会议</Button>}
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        items={[
          { key: 'list', label: '会议列表', children: <MeetingList /> },
          { key: 'week', label: '领导日程', children: <LeaderWeek /> },
          { key: 'rooms', label: '会议室', children: <RecordsTab type="meeting_room" canManage={canManage} /> },
          { key: 'discipline', label: '会风会纪通报', children: <RecordsTab type="discipline_notice" canManage={canManage} /> },
          { key: 'types', label: '会议类型', children: <RecordsTab type="meeting_type" canManage={canManage} /> },
        ]}
      />
      {isArranging && <MeetingModal onClose={() => setArranging(false)} />}
    </PageContainer>
  );
};
