/** 领导日程: the week as a grid — a row per leader, a column per day, each meeting in its cells. */
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useLeaderWeek } from './api.js';
import { formatTime, toPickerValue, officeToday, officeDateOf } from '../../app/time.js';

const weekdays = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

export const LeaderWeek = () => {
  const [week, setWeek] = useState(() => officeToday());
  const { data, isFetching } = useLeaderWeek(week);
  const days = data ? Array.from({ length: 7 }, (_, index) => toPickerValue(data.from).add(index, 'day')) : [];
  const rows = (data?.leaders ?? []).map((leader) => ({ key: leader.id, name: leader.name }));
  return (
    <>
      <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
        <Button aria-label="上一周" icon={<LeftOutlined />} onClick={() => setWeek(toPickerValue(week).subtract(7, 'day').format('YYYY-MM-DD'))} />
        <Typography.Text strong>
          {data ? `${data.from} 至 ${toPickerValue(data.to).subtract(1, 'day').format('YYYY-MM-DD')}` : ''}
        </Typography.Text>
        <Button aria-label="下一周" icon={<RightOutlined />} onClick={() => setWeek(toPickerValue(week).add(7, 'day').format('YYYY-MM-DD'))} />
        <Button onClick={() => setWeek(officeToday())}>本周</Button>
      </Flex>
      <Table
        aria-label="领导日程"
        size="small"
        bordered
        loading={isFetching}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 980 }}
        columns={[
          { title: '领导', dataIndex: 'name', width: 100, fixed: 'left' },
          ...days.map((day, index) => ({
            title: `${weekdays[index]} ${day.format('M/D')}`,
            key: day.format('YYYY-MM-DD'),
            render: (_: unknown, row: { key: string }) =>
              (data?.meetings ?? [])
                .filter((meeting) => meeting.leaderIds.includes(row.key) && officeDateOf(meeting.startsAt) === day.format('YYYY-MM-DD'))
                .map((meeting) => (
                  <div key={meeting.id} style={{ marginBottom: 4 }}>
                    <Typography.Text type="secondary">{`${formatTime(meeting.startsAt, 'HH:mm')}–${formatTime(meeting.endsAt, 'HH:mm')}`}</Typography.Text>
                    <br />
                    <Link to={`/meetings/${meeting.id}`}>{meeting.title}</Link>
                    <br />
                    <Tag>{meeting.meetingType}</Tag>
                    {meeting.place}
                  </div>
                )),
          })),
        ]}
      />
    </>
  );
};
