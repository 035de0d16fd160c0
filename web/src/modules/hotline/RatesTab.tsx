/** 三率排名: a month's 响应率, 解决率, 满意率 and 按时办结率 per unit or 街乡, ranked, with the red list. */
import { DatePicker, Flex, Segmented, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Rate, UnitRates } from '../../../../common/schemas/hotline.js';
import { useRates } from './api.js';

const RateCell = ({ rate, redLine }: { rate: Rate; redLine: number }) =>
  rate.rate === null ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <Tooltip title={`${rate.numerator} / ${rate.denominator}`}>
      <Typography.Text type={rate.rate < redLine ? 'danger' : undefined}>{rate.rate.toFixed(1)}%</Typography.Text>
    </Tooltip>
  );

export const RatesTab = () => {
  // This month as it stands; the center publishes the last month's from the same table.
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [by, setBy] = useState<'unit' | 'area'>('unit');
  const { data, isFetching } = useRates(month.format('YYYY-MM'), by);
  const redLine = data?.redLine ?? 80;
  const columns: TableColumnsType<UnitRates> = [
    { title: '排名', dataIndex: 'rank', width: 70, render: (rank: number | null) => rank ?? '—' },
    { title: by === 'unit' ? '承办单位' : '街乡', key: 'name', render: (_, row) => <>{row.name}{row.isRed && <Tag color="red" style={{ marginLeft: 8 }}>红榜</Tag>}</> },
    { title: '派单', dataIndex: 'dispatched', width: 70 },
    { title: '退单', dataIndex: 'returned', width: 70 },
    { title: '响应率', key: 'response', width: 90, render: (_, row) => <RateCell rate={row.response} redLine={redLine} /> },
    { title: '解决率', key: 'resolution', width: 90, render: (_, row) => <RateCell rate={row.resolution} redLine={redLine} /> },
    { title: '满意率', key: 'satisfaction', width: 90, render: (_, row) => <RateCell rate={row.satisfaction} redLine={redLine} /> },
    { title: '按时办结率', key: 'onTime', width: 100, render: (_, row) => <RateCell rate={row.onTime} redLine={redLine} /> },
    { title: '综合', dataIndex: 'score', width: 80, render: (score: number | null) => (score === null ? '—' : score.toFixed(1)) },
  ];
  return (
    <>
      <Flex gap={16} align="center" style={{ marginBottom: 16 }} wrap>
        <DatePicker picker="month" aria-label="月份" value={month} allowClear={false} onChange={(value) => value && setMonth(value)} />
        <Segmented<'unit' | 'area'> value={by} onChange={setBy} options={[{ value: 'unit', label: '按承办单位' }, { value: 'area', label: '按街乡' }]} />
        <Typography.Text type="secondary">任一率低于 {redLine}% 列入红榜；综合为各率的平均</Typography.Text>
      </Flex>
      <Table<UnitRates> rowKey="key" size="middle" columns={columns} dataSource={data?.rows ?? []} loading={isFetching} pagination={false} scroll={{ x: 900 }} />
    </>
  );
};
