/**
 * 数据统计: the numbers of the annual summary for a period (this year by default) and, for the
 * office, optionally one unit — each with 上年同期 and the change, its parts, and the records behind it.
 */
import { Col, Empty, Flex, Row, Spin, Tag, Tooltip, Typography } from 'antd';
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
  const { data: catalogue = [], isPending } = useMetricDefinitions();
  // 未接入 metrics have no number to ask for: they are listed by name in their section, never as 0.
  const definitions = useMemo(() => catalogue.filter((definition) => definition.origin !== 'notConnected'), [catalogue]);
  const sections = useMemo(() => [...new Set(catalogue.map((definition) => definition.section))], [catalogue]);
  // A request per section: the page fills in as each section's numbers come.
  const groups = useMemo(() => sections.map((section) => definitions.filter((definition) => definition.section === section).map((definition) => definition.id)), [sections, definitions]);
  const resultOf = useMetricResults(groups, search);
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
      {sections.map((section) => {
        const counted = definitions.filter((definition) => definition.section === section);
        const missing = catalogue.filter((definition) => definition.section === section && definition.origin === 'notConnected');
        return (
          <section key={section} aria-label={section} className="fb-metric-section">
            <Typography.Title level={5}>{section}</Typography.Title>
            <Row gutter={[16, 16]}>
              {counted.map((definition) => (
                <Col key={definition.id} xs={24} md={12} xl={8}>
                  <MetricCard
                    definition={definition}
                    result={resultOf(definition.id).data}
                    isLoading={resultOf(definition.id).isFetching}
                    onOpen={() => setOpened(definition)}
                    period={{ from, to }}
                  />
                </Col>
              ))}
            </Row>
            {missing.length > 0 && (
              <Flex gap={6} wrap align="center" className="fb-metric-missing" data-testid="metrics-not-connected">
                <Typography.Text type="secondary">未接入（相关业务模块尚未上线，不显示数字）：</Typography.Text>
                {missing.map((definition) => (
                  <Tooltip key={definition.id} title={definition.description}>
                    <Tag>
                      {definition.label}（{definition.unit}）· 未接入
                    </Tag>
                  </Tooltip>
                ))}
              </Flex>
            )}
          </section>
        );
      })}
      {opened && <MetricRecordsDrawer definition={opened} search={search} periodText={periodText} onClose={() => setOpened(null)} />}
    </PageContainer>
  );
};

