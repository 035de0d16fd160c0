/**
 * 三率排名: a month's 响应率, 解决率, 满意率 and 按时办结率 per unit or 街乡 and for the whole city, ranked, with
 * the red list; beside each rate its 环比 (the month before) and 同比 (the same month last year) as arrows.
 * Every figure opens the tickets behind it: the rate and its denominator all of them, the numerator those
 * counted, a compared rate that month's. A 联络员 sees the ranking and opens only their own unit's tickets.
 */
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Segmented, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { rateIds, rateLabels, type ComparedRate, type DrillPart, type Rate, type RateId, type UnitRates } from '../../../../common/schemas/hotline-rates.js';
import { useCurrentUser } from '../../app/current-user.js';
import { RateDrillDrawer } from './RateDrillDrawer.js';
import { type RateCell, useRates } from './rates-api.js';

type Open = (cell: RateCell, part: DrillPart) => void;
/** The figures of one row: whose and which month, or null when the reader may not open them. */
type Owner = { by: RateCell['by']; key: string | null; name: string } | null;

const percent = (rate: number) => `${rate.toFixed(1)}%`;

/** A figure that opens its tickets, or plain text for a reader who may not open them (or when there are none). */
const Figure = ({ text, label, onOpen, danger = false }: { text: string; label: string; onOpen: (() => void) | null; danger?: boolean }) =>
  onOpen ? (
    <Button type="link" size="small" danger={danger} style={{ padding: 0, height: 'auto', fontWeight: 'inherit' }} aria-label={label} onClick={onOpen}>
      {text}
    </Button>
  ) : (
    <span>{text}</span>
  );

/** 环比 / 同比: an arrow and the change in percentage points; with no rate then, 「—」 or 「无上年数据」 — never 0. */
const Change = ({ label, change, compared, month, missing, onOpen }: { label: string; change: number | null; compared: Rate; month: string; missing: string; onOpen: (() => void) | null }) => {
  if (compared.rate === null) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label} {missing}
      </Typography.Text>
    );
  }
  const arrow = change === null || change === 0 ? null : change > 0 ? <ArrowUpOutlined aria-label="上升" /> : <ArrowDownOutlined aria-label="下降" />;
  return (
    <Tooltip title={`${month}：${percent(compared.rate)}（${compared.numerator}/${compared.denominator}）`}>
      <Typography.Text type={change === null || change === 0 ? 'secondary' : change > 0 ? 'success' : 'danger'} style={{ fontSize: 12 }}>
        {label} {arrow}
        <Figure text={change === null ? '—' : change === 0 ? '持平' : `${Math.abs(change).toFixed(1)}`} label={`${label}：${month}`} onOpen={onOpen} />
      </Typography.Text>
    </Tooltip>
  );
};

/** One rate of one row: the rate, 分子/分母, then 环比 and 同比. */
const RateFigures = ({ rate, id, owner, months, redLine, open }: { rate: ComparedRate; id: RateId; owner: Owner; months: { month: string; monthAgo: string; yearAgo: string }; redLine: number; open: Open }) => {
  const opener = (month: string, part: DrillPart, count: number) => (owner && count > 0 ? () => open({ ...owner, month, rate: id }, part) : null);
  const name = owner?.name ?? '';
  return (
    <Flex vertical gap={0}>
      {rate.rate === null ? (
        <Typography.Text type="secondary">—</Typography.Text>
      ) : (
        <Typography.Text type={rate.rate < redLine ? 'danger' : undefined} strong>
          <Figure
            text={percent(rate.rate)}
            label={`${name}${rateLabels[id]}`}
            danger={rate.rate < redLine}
            onOpen={opener(months.month, 'miss', rate.denominator - rate.numerator) ?? opener(months.month, 'denominator', rate.denominator)}
          />
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <Figure text={String(rate.numerator)} label={`${name}${rateLabels[id]}分子`} onOpen={opener(months.month, 'numerator', rate.numerator)} />
        {' / '}
        <Figure text={String(rate.denominator)} label={`${name}${rateLabels[id]}分母`} onOpen={opener(months.month, 'denominator', rate.denominator)} />
      </Typography.Text>
      <Change label="环比" change={rate.monthChange} compared={rate.monthAgo} month={months.monthAgo} missing="—" onOpen={opener(months.monthAgo, 'denominator', rate.monthAgo.denominator)} />
      <Change label="同比" change={rate.yearChange} compared={rate.yearAgo} month={months.yearAgo} missing="无上年数据" onOpen={opener(months.yearAgo, 'denominator', rate.yearAgo.denominator)} />
    </Flex>
  );
};

export const RatesTab = () => {
  const user = useCurrentUser();
  // This month as it stands; the center publishes the last month's from the same table.
  const [month, setMonth] = useState<Dayjs>(officeNow());
  const [by, setBy] = useState<'unit' | 'area'>('unit');
  const [drill, setDrill] = useState<{ cell: RateCell; part: DrillPart } | null>(null);
  const { data, isFetching } = useRates(month.format('YYYY-MM'), by);
  const redLine = data?.redLine ?? 80;
  const months = { month: data?.month ?? month.format('YYYY-MM'), monthAgo: data?.monthAgo ?? '', yearAgo: data?.yearAgo ?? '' };
  const open: Open = (cell, part) => setDrill({ cell, part });
  // A 联络员 opens only their own unit's tickets (the server says the same); the center, any.
  const ownerOf = (row: UnitRates): Owner =>
    user.scope === 'all' ? { by, key: row.key, name: row.name } : by === 'unit' && row.key === user.unitId ? { by, key: row.key, name: row.name } : null;
  const rateColumn = (id: RateId): TableColumnsType<UnitRates>[number] => ({
    title: rateLabels[id],
    key: id,
    width: 130,
    render: (_, row) => <RateFigures rate={row[id]} id={id} owner={ownerOf(row)} months={months} redLine={redLine} open={open} />,
  });
  const columns: TableColumnsType<UnitRates> = [
    { title: '排名', dataIndex: 'rank', width: 70, render: (rank: number | null) => rank ?? '—' },
    { title: by === 'unit' ? '承办单位' : '街乡', key: 'name', render: (_, row) => <>{row.name}{row.isRed && <Tag color="red" style={{ marginLeft: 8 }}>红榜</Tag>}</> },
    { title: '派单', dataIndex: 'dispatched', width: 70 },
    { title: '退单', dataIndex: 'returned', width: 70 },
    ...rateIds.map(rateColumn),
    { title: '综合', dataIndex: 'score', width: 80, render: (score: number | null) => (score === null ? '—' : score.toFixed(1)) },
  ];
  const city = data?.city;
  const cityOwner: Owner = user.scope === 'all' ? { by: 'all', key: null, name: '全市' } : null;
  return (
    <>
      <Flex gap={16} align="center" style={{ marginBottom: 16 }} wrap>
        <DatePicker picker="month" aria-label="月份" value={month} allowClear={false} onChange={(value) => value && setMonth(value)} />
        <Segmented<'unit' | 'area'> value={by} onChange={setBy} options={[{ value: 'unit', label: '按承办单位' }, { value: 'area', label: '按街乡' }]} />
        <Typography.Text type="secondary">任一率低于 {redLine}% 列入红榜；综合为各率的平均；环比较上月、同比较上年同月（百分点）；点击数字查看工单</Typography.Text>
      </Flex>
      {city && (
        <Card size="small" title={`全市 · ${city.dispatched} 件派单，${city.returned} 件退单`} style={{ marginBottom: 16 }} aria-label="全市三率">
          <Row gutter={[16, 8]}>
            {rateIds.map((id) => (
              <Col key={id} xs={12} md={6}>
                <Typography.Text type="secondary">{rateLabels[id]}</Typography.Text>
                <RateFigures rate={city[id]} id={id} owner={cityOwner} months={months} redLine={redLine} open={open} />
              </Col>
            ))}
          </Row>
        </Card>
      )}
      <Table<UnitRates> rowKey="key" size="middle" columns={columns} dataSource={data?.rows ?? []} loading={isFetching} pagination={false} scroll={{ x: 1100 }} />
      {drill && <RateDrillDrawer key={JSON.stringify(drill)} cell={drill.cell} initialPart={drill.part} onClose={() => setDrill(null)} />}
    </>
  );
};
