/** 工作日历: the year at a glance; calendar administrators also keep the overrides (放假 / 调休上班 / 恢复平常). */
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Popconfirm, Space, Spin, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCan } from '../../app/current-user.js';
import { formatDateTime, officeNow, officeToday } from '../../app/time.js';
import { notifySuccess } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import {
  type CalendarDay,
  type CalendarOverrideView,
  overrideKindLabels,
  useCalendarYear,
  useDeleteOverride,
  useOverrides,
} from './api.js';
import { OverrideFormModal } from './OverrideFormModal.js';
import { YearGrid } from './YearGrid.js';

type Dialog = { date?: string; existing?: CalendarOverrideView };

const kindColors = { holiday: 'red', workday: 'blue', normal: 'default' } as const;

const Legend = () => (
  <Space size={16} wrap>
    <span className="fb-cal-legend">
      <span className="fb-cal-day fb-cal-holiday">1</span>放假
    </span>
    <span className="fb-cal-legend">
      <span className="fb-cal-day fb-cal-makeup">1</span>调休上班（班）
    </span>
    <span className="fb-cal-legend">
      <span className="fb-cal-day fb-cal-weekend">1</span>周末
    </span>
    <span className="fb-cal-legend">
      <span className="fb-cal-day fb-cal-override">1</span>本地调整
    </span>
  </Space>
);

const OverridesTable = ({ year, onEdit }: { year: number; onEdit: (dialog: Dialog) => void }) => {
  const { data = [], isFetching } = useOverrides(true);
  const remove = useDeleteOverride();
  const rows = data.filter((item) => item.date.startsWith(`${year}-`));
  const columns: TableColumnsType<CalendarOverrideView> = [
    { title: '日期', dataIndex: 'date', key: 'date', width: 120 },
    {
      title: '调整为',
      dataIndex: 'kind',
      key: 'kind',
      width: 150,
      render: (kind: CalendarOverrideView['kind']) => <Tag color={kindColors[kind]}>{overrideKindLabels[kind]}</Tag>,
    },
    { title: '名称', dataIndex: 'note', key: 'note', width: 180 },
    { title: '依据', dataIndex: 'source', key: 'source' },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updatedAt', width: 170, render: formatDateTime },
    {
      title: '操作',
      key: 'actions',
      width: 120,
      render: (_value, item) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => onEdit({ date: item.date, existing: item })}>
            修改
          </Button>
          <Popconfirm
            title={`删除 ${item.date} 的调整？`}
            description="删除后该日按国务院办公厅安排或平常周一至周五计算。"
            okText="删除"
            cancelText="取消"
            onConfirm={() => remove.mutate(item, { onSuccess: () => notifySuccess('调整已删除') })}
          >
            <Button type="link" size="small" danger>
              删除
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];
  return (
    <section style={{ marginTop: 24 }} aria-label="日历调整">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {year} 年日历调整
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onEdit({})}>
          新增调整
        </Button>
      </Flex>
      <Table<CalendarOverrideView>
        rowKey="date"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={isFetching}
        scroll={{ x: 900 }}
        pagination={false}
        locale={{ emptyText: '该年没有本地调整' }}
      />
    </section>
  );
};

export const CalendarPage = () => {
  const canManage = useCan('calendar.manage');
  const [params, setParams] = useSearchParams();
  const thisYear = officeNow().year();
  const requested = Number(params.get('year'));
  const year = Number.isInteger(requested) && requested >= 2000 && requested <= 2199 ? requested : thisYear;
  const { data, isPending } = useCalendarYear(year);
  const { data: overrides = [] } = useOverrides(canManage);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const setYear = (next: number) => setParams(next === thisYear ? {} : { year: String(next) }, { replace: true });

  const pickDay = (day: CalendarDay) => setDialog({ date: day.date, existing: overrides.find((item) => item.date === day.date) });

  return (
    <PageContainer
      title="工作日历"
      extra={
        <Space>
          <Button aria-label="上一年" icon={<LeftOutlined />} onClick={() => setYear(year - 1)} disabled={year <= 2000} />
          <Typography.Text strong style={{ fontSize: 16 }}>
            {year} 年
          </Typography.Text>
          <Button aria-label="下一年" icon={<RightOutlined />} onClick={() => setYear(year + 1)} disabled={year >= 2199} />
          {year !== thisYear && <Button onClick={() => setYear(thisYear)}>今年</Button>}
        </Space>
      }
    >
      {data && !data.hasOfficialData && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${year} 年尚无国务院办公厅节假日安排数据`}
          description={
            canManage
              ? '国务院办公厅通知发布后，请在下方「新增调整」逐日录入放假和调休上班日；录入前，该年的期限按普通周末计算。'
              : '录入前，该年的期限按普通周末计算。请联系系统管理员录入。'
          }
        />
      )}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Legend />
        {canManage && <Typography.Text type="secondary">点击日期可设置调整</Typography.Text>}
      </Flex>
      {isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : (
        <YearGrid days={data?.days ?? []} today={officeToday()} onPick={canManage ? pickDay : undefined} />
      )}
      {canManage && <OverridesTable year={year} onEdit={setDialog} />}
      {dialog && <OverrideFormModal date={dialog.date} existing={dialog.existing} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
};
