/**
 * 数据统计: the numbers of the annual summary for a period (this year by default) and, for the
 * office, optionally one unit — each with 上年同期 and the change, its parts, and the records behind it.
 */
import { Col, Empty, Flex, Row, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { MetricDefinitionView } from '../../../../common/schemas/metrics.js';
import { useCurrentUser } from '../../app/current-user.js';
import { PageContainer } from '../../components/PageContainer.js';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.js';
import { type MetricSearch, useMetricDefinitions, useMetricResults } from './api.js';
import { MetricCard } from './MetricCard.js';
import { MetricRecordsDrawer } from './MetricRecordsDrawer.js';
import { describePeriod, type Period, periodOf, periodParams } from './period.js';
import { PeriodPicker } from './PeriodPicker.js';
import './metrics.css';

const uuidPattern = /^[0-9a-f-]{36}$/i;

export const MetricsPage = () => {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const period = periodOf(params);
  const unitParam = params.get('unit');
  const unit = user.scope === 'all' && unitParam && uuidPattern.test(unitParam) ? unitParam : undefined;
  const from = period.from.format('YYYY-MM-DD');
  const to = period.to.format('YYYY-MM-DD');
  const search: MetricSearch = useMemo(() => ({ from, to, ...(unit ? { unit } : {}) }), [from, to, unit]);
  const { data: definitions = [], isPending } = useMetricDefinitions();
  const results = useMetricResults(
    definitions.map((definition) => definition.id),
    search,
  );
  const [opened, setOpened] = useState<MetricDefinitionView | null>(null);
  const periodText = describePeriod(period);

  const update = (next: { period?: Period; unit?: string | null }) => {
    const nextUnit = next.unit === undefined ? unit : next.unit;
    setParams({ ...periodParams(next.period ?? period), ...(nextUnit ? { unit: nextUnit } : {}) }, { replace: true });
  };

  return (
    <PageContainer title="数据统计">
      <Flex gap={12} wrap align="center" justify="space-between" style={{ marginBottom: 20 }}>
        <PeriodPicker value={period} onChange={(next) => update({ period: next })} />
        {user.scope === 'all' ? (
          <UnitTreeSelect
            isFilter
            allowClear
            aria-label="按单位统计"
            placeholder="全办（不限单位）"
            style={{ width: 240 }}
            value={unit ?? null}
            onChange={(next) => update({ unit: next })}
          />
        ) : (
          <Typography.Text type="secondary">统计范围：{user.unitName}</Typography.Text>
        )}
      </Flex>
      <Typography.Paragraph type="secondary" data-testid="metrics-period">
        统计期间：{periodText}（{from} 至 {to}），同比为上年同期。点击指标查看计入该数字的事项。
      </Typography.Paragraph>
      {isPending && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      )}
      {!isPending && definitions.length === 0 && <Empty description="暂无可查看的指标" />}
      <Row gutter={[16, 16]}>
        {definitions.map((definition, index) => (
          <Col key={definition.id} xs={24} md={12} xl={8}>
            <MetricCard
              definition={definition}
              result={results[index]?.data}
              isLoading={results[index]?.isFetching ?? true}
              onOpen={() => setOpened(definition)}
            />
          </Col>
        ))}
      </Row>
      {opened && <MetricRecordsDrawer definition={opened} search={search} periodText={periodText} onClose={() => setOpened(null)} />}
    </PageContainer>
  );
};

