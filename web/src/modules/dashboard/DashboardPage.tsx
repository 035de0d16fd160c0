/**
 * 领导驾驶舱: each module's headline figure for the year (a click opens its records), this year against
 * last by month (a click on a month opens that month's records), units ranked by an on-time rate (a click
 * opens the unit's records), and what is red today. Cards stack on a phone.
 */
import { Card, Col, Empty, Flex, Grid, List, Row, Segmented, Select, Spin, Statistic, Tag, Typography } from 'antd';
import { toPickerValue, officeNow, DatePicker } from '../../app/time.js';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { MetricDefinitionView } from '../../../../common/schemas/metrics.js';
import { DueTag } from '../../components/DueTag.js';
import { PageContainer } from '../../components/PageContainer.js';
import { casePath } from '../cases/api.js';
import { type MetricSearch, useMetricDefinitions } from '../metrics/api.js';
import { MetricRecordsDrawer } from '../metrics/MetricRecordsDrawer.js';
import { useDashboard, useRanking } from './api.js';
import { type ChartOption, EChart } from './EChart.js';

const shown = (value: number | null, unit: string) => (value === null ? '—' : `${value.toLocaleString('zh-CN')}${unit === '%' ? '%' : ''}`);

type Opened = { definition: MetricDefinitionView; search: MetricSearch; periodText: string };

export const DashboardPage = () => {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || officeNow().year();
  const { data, isPending } = useDashboard(year);
  const { data: catalogue = [] } = useMetricDefinitions();
  const definitions = useMemo(() => new Map(catalogue.map((definition) => [definition.id, definition])), [catalogue]);
  const [seriesId, setSeriesId] = useState<string | undefined>();
  const [rankingId, setRankingId] = useState<string | undefined>();
  const [opened, setOpened] = useState<Opened | null>(null);
  const isPhone = Grid.useBreakpoint().md === false;
  const rankingMetric = rankingId ?? data?.rankingMetrics[0]?.id;
  const { data: ranking = [], isFetching: isRanking } = useRanking(rankingMetric, year);
  const open = (metricId: string, search: MetricSearch, periodText: string) => {
    const definition = definitions.get(metricId);
    if (definition) setOpened({ definition, search, periodText });
  };

  const series = data?.monthly.find((item) => item.metricId === seriesId) ?? data?.monthly[0];
  const monthlyOption: ChartOption | null = series
    ? {
        tooltip: { trigger: 'axis' },
        legend: { top: 0, data: [`${year}年`, ...(series.hasPrevious ? [`${year - 1}年`] : [])] },
        grid: { left: 40, right: 16, top: 40, bottom: 28 },
        xAxis: { type: 'category', data: series.months.map((point) => `${point.month}月`) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: `${year}年`, type: 'bar', data: series.months.map((point) => point.value), itemStyle: { color: '#1677ff' } },
          ...(series.hasPrevious ? [{ name: `${year - 1}年`, type: 'line' as const, data: series.months.map((point) => point.previous), itemStyle: { color: '#8c8c8c' } }] : []),
        ],
      }
    : null;
  const rankingOption: ChartOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', inverse: true, data: ranking.map((row) => row.unitName) },
    series: [{ type: 'bar', data: ranking.map((row) => row.value), label: { show: true, position: 'right', formatter: '{c}%' }, itemStyle: { color: '#52c41a' } }],
  };

  const seriesPicker = data && (
    <Segmented size="small" value={series?.metricId} onChange={(value) => setSeriesId(String(value))} options={data.monthly.map((item) => ({ value: item.metricId, label: item.label }))} />
  );

  return (
    <PageContainer
      title="领导驾驶舱"
      extra={
        <DatePicker
          picker="year"
          aria-label="年份"
          allowClear={false}
          value={toPickerValue(`${year}-01-01`)}
          disabledDate={(date) => date.year() > officeNow().year()}
          onChange={(next) => setParams(next ? { year: String(next.year()) } : {}, { replace: true })}
        />
      }
    >
      {isPending || !data ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : (
        <Flex vertical gap={16}>
          <Typography.Text type="secondary">
            {data.range.from} 至 {data.range.to}，同比为上年同期。点击数字、柱条查看计入的事项。
          </Typography.Text>
          <Row gutter={[12, 12]} data-testid="dashboard-headline">
            {data.headline.map(({ section, result }) => (
              <Col key={result.id} xs={12} md={8} xl={6}>
                <Card size="small" hoverable onClick={() => open(result.id, { from: data.range.from, to: data.range.to }, `${year}年`)} data-testid="dashboard-figure">
                  <Statistic title={`${section} · ${result.label}`} value={shown(result.value, result.unit)} suffix={result.unit === '%' ? undefined : result.unit} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {/* A 「—」 says why, as 数据统计 does: nothing of the kind yet, or nothing a rate could be taken of. */}
                    {result.value === null
                      ? result.hasData
                        ? '本期没有可计算的事项'
                        : '本期末前系统中尚无此类记录'
                      : !result.previous.hasData || result.change.absolute === null
                      ? '上年同期无数据'
                      : `同比 ${result.change.absolute > 0 ? '+' : ''}${result.change.absolute}${result.unit === '%' ? ' 个百分点' : ` ${result.unit}`}`}
                  </Typography.Text>
                </Card>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card
                size="small"
                title="逐月对比"
                // On a phone the three choices beside the title cut it to 「逐月…」: there they go above the chart.
                extra={isPhone ? undefined : seriesPicker}
              >
                {isPhone && <div style={{ marginBottom: 8 }}>{seriesPicker}</div>}
                {monthlyOption && series ? (
                  <EChart
                    label={`${series.label}逐月对比`}
                    option={monthlyOption}
                    onClick={(seriesIndex, dataIndex) => {
                      const point = series.months[dataIndex];
                      if (!point) return;
                      // The grey line is last year: its records are those of the same month a year earlier.
                      const from = seriesIndex === 0 ? point.from : `${year - 1}${point.from.slice(4)}`;
                      const to = seriesIndex === 0 ? point.to : `${year - 1}${point.to.slice(4)}`;
                      open(series.metricId, { from, to }, `${from.slice(0, 4)}年${point.month}月`);
                    }}
                  />
                ) : (
                  <Empty />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card
                size="small"
                title="单位排名"
                extra={<Select size="small" style={{ width: 180 }} aria-label="排名指标" value={rankingMetric} onChange={setRankingId} options={data.rankingMetrics.map((item) => ({ value: item.id, label: item.label }))} />}
              >
                {isRanking ? (
                  <Spin />
                ) : ranking.length === 0 ? (
                  <Empty description="本年尚无可排名的单位" />
                ) : (
                  <EChart
                    label="单位排名"
                    height={Math.max(160, ranking.length * 28)}
                    option={rankingOption}
                    onClick={(_series, dataIndex) => {
                      const row = ranking[dataIndex];
                      if (row && rankingMetric) open(rankingMetric, { from: data.range.from, to: data.range.to, unit: row.unitId }, `${year}年 · ${row.unitName}`);
                    }}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={`今日红灯（逾期未办结）${data.red.total} 件`} data-testid="dashboard-red">
            <Flex gap={8} wrap style={{ marginBottom: 8 }}>
              {data.red.byKind.map((row) => (
                <Link key={row.kind} to={`/cases/${row.kind}?due=red`}>
                  <Tag color="red">
                    {row.label} {row.count}
                  </Tag>
                </Link>
              ))}
            </Flex>
            <List
              size="small"
              dataSource={data.red.items}
              locale={{ emptyText: '没有逾期事项' }}
              // The most overdue first; the rest are in each kind's ledger (the tags above).
              footer={
                data.red.total > data.red.items.length ? (
                  <Typography.Text type="secondary">
                    以上为逾期最久的 {data.red.items.length} 件，共 {data.red.total} 件；点击上方分类查看全部。
                  </Typography.Text>
                ) : undefined
              }
              renderItem={(item) => (
                <List.Item>
                  <Flex gap={8} wrap align="center" style={{ width: '100%' }}>
                    <Typography.Text type="secondary">{item.serialNo}</Typography.Text>
                    <Link to={casePath(item.kind, item.id)}>{item.title}</Link>
                    <Typography.Text type="secondary">{item.kindLabel}</Typography.Text>
                    <DueTag dueDate={item.dueDate} status={item.dueStatus} />
                  </Flex>
                </List.Item>
              )}
            />
          </Card>
        </Flex>
      )}
      {opened && <MetricRecordsDrawer definition={opened.definition} search={opened.search} periodText={opened.periodText} onClose={() => setOpened(null)} />}
    </PageContainer>
  );
};

