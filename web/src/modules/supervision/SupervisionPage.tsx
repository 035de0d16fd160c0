/**
 * 督查督办: every item the reader may see (the 督查室 and leaders all, a unit its own) with its light and
 * why, filtered by light and 立项 dates; the 督查室 立项s from here. A row opens the item's case page,
 * where the lead unit reports, completes nodes and 申报办结, and the 督查室 销号s or 退回s.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Segmented, Space, Table, type TableColumnsType, Tabs, Tag, Tooltip, Typography } from 'antd';
import { DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { lightLabels, type SupervisionItemView, type SupervisionLight } from '../../../../common/schemas/supervision.js';
import { PlanImportButton } from '../plan-import/PlanImportPage.js';
import { useCan, useCurrentUser } from '../../app/current-user.js';
import { AdviceTab } from './office/AdviceTab.js';
import { BulletinsTab } from './office/BulletinsTab.js';
import { FieldChecksTab } from './office/FieldChecksTab.js';
import { NoticesTab } from './office/NoticesTab.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useSupervisionItems } from './api.js';
import { SupervisionFormModal } from './SupervisionFormModal.js';

export const lightColors: Record<SupervisionLight, string> = { green: 'green', yellow: 'gold', red: 'red', done: 'default' };

export const LightTag = ({ light, reasons }: { light: SupervisionLight; reasons: readonly string[] }) => (
  <Tooltip title={reasons.length > 0 ? reasons.join('；') : undefined}>
    <Tag color={lightColors[light]} data-light={light}>
      {lightLabels[light]}
    </Tag>
  </Tooltip>
);

const Outcome = ({ item }: { item: SupervisionItemView }) => {
  const project = item.livelihood;
  if (!project) return null;
  return (
    <Typography.Text type="secondary" style={{ display: 'block' }}>
      目标 {project.target} {project.measure}，已完成 {project.actual} {project.measure}（{project.percent}%）
      {project.monthsEarly > 0 && <Tag color="blue" style={{ marginLeft: 8 }}>提前 {project.monthsEarly} 个月</Tag>}
      {project.isOverTarget && <Tag color="purple">超额</Tag>}
    </Typography.Text>
  );
};

const columns: TableColumnsType<SupervisionItemView> = [
  { title: '亮灯', key: 'light', width: 90, render: (_, item) => <LightTag light={item.light} reasons={item.reasons} /> },
  { title: '编号', dataIndex: 'serialNo', width: 130 },
  {
    title: '督办事项',
    key: 'title',
    // Room for a title and its 调度 note: at 390 px it had the 110 px the fixed columns left, four characters a line.
    width: 240,
    render: (_, item) => (
      <>
        <Link to={`/cases/supervision/${item.id}`}>{item.title}</Link>
        <Outcome item={item} />
        {item.reasons.length > 0 && item.light !== 'done' && (
          <Typography.Text type={item.light === 'red' ? 'danger' : 'warning'} style={{ display: 'block', fontSize: 12 }}>
            {item.reasons[0]}
          </Typography.Text>
        )}
      </>
    ),
  },
  { title: '来源', dataIndex: 'source', width: 110 },
  { title: '牵头单位', dataIndex: 'leadUnitName', width: 140 },
  {
    title: '节点',
    key: 'milestones',
    width: 120,
    render: (_, item) => (item.milestonesTotal === 0 ? '—' : <Progress percent={Math.round((item.milestonesDone * 100) / item.milestonesTotal)} size="small" format={() => `${item.milestonesDone}/${item.milestonesTotal}`} />),
  },
  { title: '完成时限', key: 'deadline', width: 110, render: (_, item) => (item.isOngoing ? '长期坚持' : item.deadline) },
  { title: '状态', dataIndex: 'stateLabel', width: 90 },
];

type LightFilter = SupervisionLight | 'all';

export const SupervisionPage = () => {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const canOpen = user.roles.some((role) => role === 'inspector' || role === 'director');
  const [light, setLight] = useState<LightFilter>('all');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [isCreating, setCreating] = useState(false);
  const canManage = useCan('supervision.manage');
  const [tab, setTab] = useState('items');
  const { data: items = [], isFetching } = useSupervisionItems({
    ...(light === 'all' ? {} : { light }),
    ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
    ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
  });
  const counts = items.reduce<Record<string, number>>((found, item) => ({ ...found, [item.light]: (found[item.light] ?? 0) + 1 }), {});

  return (
    <PageContainer
      title="督查督办"
      extra={
        canOpen && (
          <Space>
            <PlanImportButton />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              立项
            </Button>
          </Space>
        )
      }
    >
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'items',
            label: '督办事项',
            children: (
              <>
              <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
                <Segmented<LightFilter>
                  aria-label="按亮灯筛选"
                  value={light}
                  onChange={setLight}
                  options={[
                    { value: 'all', label: '全部' },
                    ...(['red', 'yellow', 'green', 'done'] as const).map((value) => ({ value, label: light === 'all' && counts[value] ? `${lightLabels[value]} ${counts[value]}` : lightLabels[value] })),
                  ]}
                />
                <Space>
                  <Typography.Text type="secondary">立项日期</Typography.Text>
                  <DatePicker.RangePicker value={range} onChange={(value) => setRange(value)} allowEmpty={[true, true]} />
                </Space>
              </Flex>
              <Table<SupervisionItemView> rowKey="id" size="middle" columns={columns} dataSource={items} loading={isFetching} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1030 }} />
              </>
            ),
          },
          { key: 'notices', label: '督办通知', children: <NoticesTab /> },
          ...(canManage
            ? [
                { key: 'bulletins', label: '督查通报', children: <BulletinsTab /> },
                { key: 'checks', label: '实地督查', children: <FieldChecksTab /> },
                { key: 'advice', label: '督查建议', children: <AdviceTab /> },
              ]
            : []),
        ]}
      />
      {isCreating && (
        <SupervisionFormModal
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            void navigate(`/cases/supervision/${id}`);
          }}
        />
      )}
    </PageContainer>
  );
};
