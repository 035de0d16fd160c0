/**
 * 热线热点: a week's (Monday–Sunday) 突增 in red, the top categories as a chart against last week, and the
 * categories, 街乡 and words with 本周 / 上周 / 变化. A row, a bar or a 突增 opens the 12345 ledger filtered by
 * it for that week (a word: the ledger's text search). The week is in the address (?week=), so it can be shared.
 */
import { Alert, Card, Col, Empty, Flex, List, Row, Spin, Table, type TableColumnsType, Typography } from 'antd';
import { toPickerValue, DatePicker } from '../../app/time.js';
import { lazy, Suspense } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import type { HotCount, HotspotsView, HotSurge, WeekRange } from '../../../../common/schemas/hotline-hotspots.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useHotspots } from './hotspots-api.js';

// ECharts comes with the chart's own chunk, fetched when there is something to draw.
const HotspotsChart = lazy(async () => ({ default: (await import('./HotspotsChart.js')).HotspotsChart }));

type LedgerFilter = { category?: string; area?: string | null; q?: string };

/** The 12345 ledger's address for a filter over a week. */
const ledgerPath = (week: WeekRange, filter: LedgerFilter): string => {
  const params = new URLSearchParams({ from: week.from, to: week.to });
  if (filter.category) params.set('category', filter.category);
  if (filter.area) params.set('area', filter.area);
  if (filter.q) params.set('q', filter.q);
  return `/hotline?${params.toString()}`;
};

const Change = ({ value }: { value: number }) =>
  value === 0 ? <Typography.Text type="secondary">0</Typography.Text> : <Typography.Text type={value > 0 ? 'danger' : 'success'}>{value > 0 ? `↑${value}` : `↓${-value}`}</Typography.Text>;

const countColumns = (title: string, label: (row: HotCount) => string): TableColumnsType<HotCount> => [
  { title, key: 'name', render: (_, row) => <Typography.Link>{label(row)}</Typography.Link> },
  { title: '本周', dataIndex: 'thisWeek', width: 70, align: 'right' },
  { title: '上周', dataIndex: 'lastWeek', width: 70, align: 'right' },
  { title: '变化', dataIndex: 'change', width: 70, align: 'right', render: (value: number) => <Change value={value} /> },
];

const HotTable = ({ title, rows, label, onOpen, testId }: { title: string; rows: HotCount[]; label: (row: HotCount) => string; onOpen: (row: HotCount) => void; testId: string }) => (
  <Table<HotCount>
    data-testid={testId}
    rowKey="key"
    size="small"
    pagination={false}
    columns={countColumns(title, label)}
    dataSource={rows}
    locale={{ emptyText: '本周没有工单' }}
    onRow={(row) => ({ onClick: () => onOpen(row), style: { cursor: 'pointer' } })}
  />
);

const surgeText = (surge: HotSurge, weeks: number) =>
  `本周 ${surge.thisWeek} 件；前 ${weeks} 周 ${surge.previousWeeks.join(' / ')}（周均 ${surge.baseline}）${surge.isNew ? '，新出现' : `，为周均的 ${surge.ratio} 倍`}`;

const Surges = ({ view, onOpen }: { view: HotspotsView; onOpen: (surge: HotSurge) => void }) => {
  const { minCount, ratioPercent, baselineWeeks } = view.surgeRule;
  const rule = `一周不少于 ${minCount} 件，且达到前 ${baselineWeeks} 周周均的 ${ratioPercent / 100} 倍（或前 ${baselineWeeks} 周没有）`;
  if (view.surges.length === 0) return <Alert type="info" showIcon message="本周没有突增" description={`突增：某分类在某街乡${rule}。`} style={{ marginBottom: 16 }} />;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="hotspots-surges"
      style={{ marginBottom: 16 }}
      message={`突增预警 ${view.surges.length} 项`}
      description={
        <List
          size="small"
          split={false}
          dataSource={view.surges}
          renderItem={(surge) => (
            <List.Item style={{ paddingInline: 0 }}>
              <Typography.Link strong type="danger" onClick={() => onOpen(surge)}>
                {surge.category} · {surge.area ?? '未填写街乡'}
              </Typography.Link>
              <Typography.Text style={{ marginLeft: 8 }}>{surgeText(surge, baselineWeeks)}</Typography.Text>
            </List.Item>
          )}
          footer={<Typography.Text type="secondary">规则：{rule}（系统配置中可调整）</Typography.Text>}
        />
      }
    />
  );
};

export const HotspotsPage = () => {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const week = params.get('week') ?? undefined;
  const { data: view, isPending, isFetching } = useHotspots(week);
  const open = (filter: LedgerFilter) => view && void navigate(ledgerPath(view.week, filter));
  const sampled = view && view.wordSample.thisWeek.sampled < view.wordSample.thisWeek.tickets;
  return (
    <PageContainer
      title="热线热点"
      extra={
        <Flex gap={8} align="center" wrap>
          <DatePicker
            picker="week"
            aria-label="选择周"
            allowClear={false}
            value={toPickerValue(view?.week.from ?? week)}
            format={(value) => `${value.startOf('week').format('YYYY-MM-DD')} 所在周`}
            onChange={(value) => value && setParams({ week: value.format('YYYY-MM-DD') })}
          />
        </Flex>
      }
    >
      {isPending || !view ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : (
        <Spin spinning={isFetching}>
          <Typography.Paragraph data-testid="hotspots-summary">
            {view.week.from} 至 {view.week.to}：受理 <Typography.Text strong>{view.totals.thisWeek}</Typography.Text> 件，上周（{view.lastWeek.from} 至 {view.lastWeek.to}）{view.totals.lastWeek} 件
          </Typography.Paragraph>
          <Surges view={view} onOpen={(surge) => open({ category: surge.category, area: surge.area })} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Card size="small" title="分类热点（本周 / 上周）">
                {view.categories.length === 0 ? (
                  <Empty description="本周没有工单" />
                ) : (
                  <Suspense fallback={<Spin />}>
                    <HotspotsChart rows={view.categories} onPick={(row) => open({ category: row.key })} />
                  </Suspense>
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title="分类">
                <HotTable testId="hotspots-categories" title="分类（一级/二级）" rows={view.categories} label={(row) => row.key} onOpen={(row) => open({ category: row.key })} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title="街乡">
                <HotTable testId="hotspots-areas" title="街乡" rows={view.areas} label={(row) => row.key} onOpen={(row) => open({ area: row.key })} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card size="small" title="热词" extra={sampled && <Typography.Text type="secondary">取自 {view.wordSample.thisWeek.sampled.toLocaleString('zh-CN')} 件抽样，按比例折算</Typography.Text>}>
                <HotTable testId="hotspots-words" title="词语（含该词的工单）" rows={view.words} label={(row) => row.key} onOpen={(row) => open({ q: row.key })} />
              </Card>
            </Col>
          </Row>
        </Spin>
      )}
    </PageContainer>
  );
};
