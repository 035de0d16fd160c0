/** One number: its value, 上年同期 and the change (同比), the parts it splits into, extra figures; click for the records. */
import { ArrowDownOutlined, ArrowUpOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useCan } from '../../app/current-user.js';
import { EnterMetricDialog } from './EnterMetricDialog.js';
import type { MetricDefinitionView, MetricResult } from '../../../../common/schemas/metrics.js';

const MAX_PARTS = 8;

const number = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : value.toLocaleString('zh-CN'));

/** 同比: +12 件（+8.5%）, or 百分点 for a rate. */
const Change = ({ result }: { result: MetricResult }) => {
  const { previous, change, unit } = result;
  if (!previous.hasData) return <Typography.Text type="secondary">上年同期无数据</Typography.Text>;
  // A metric that is itself a comparison (会议数量同比增减) has no number of its own a year earlier: its parts show both years.
  if (previous.value === null) return null;
  const delta = change.absolute;
  const deltaUnit = unit === '%' ? ' 个百分点' : ` ${unit}`;
  return (
    <Flex vertical gap={2}>
      <Typography.Text type="secondary">
        上年同期 {number(previous.value)}
        {previous.value === null ? '' : unit === '%' ? '%' : ` ${unit}`}
      </Typography.Text>
      {delta !== null && (
        <Typography.Text className={delta > 0 ? 'fb-metric-up' : delta < 0 ? 'fb-metric-down' : undefined}>
          同比 {delta > 0 ? <ArrowUpOutlined /> : delta < 0 ? <ArrowDownOutlined /> : null}
          {delta > 0 ? '增加' : delta < 0 ? '减少' : '持平'}
          {delta !== 0 && ` ${number(Math.abs(delta))}${deltaUnit}`}
          {change.percent !== null && delta !== 0 && `（${change.percent > 0 ? '+' : ''}${change.percent}%）`}
        </Typography.Text>
      )}
    </Flex>
  );
};

/** The parts as bars against the largest one, the smallest folded into 其他. */
const Parts = ({ parts, labels }: { parts: Record<string, number>; labels: Record<string, string> }) => {
  const entries = Object.entries(parts).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return null;
  const shown = entries.slice(0, MAX_PARTS);
  const rest = entries.slice(MAX_PARTS).reduce((sum, [, value]) => sum + value, 0);
  if (rest > 0) shown.push(['其他', rest]);
  const max = Math.max(1, ...shown.map(([, value]) => value));
  return (
    <Flex vertical gap={4} className="fb-metric-parts" aria-label="分项">
      {shown.map(([key, value]) => (
        <div key={key} className="fb-metric-part">
          <span className="fb-metric-part-label">{labels[key] ?? key}</span>
          <span className="fb-metric-part-bar">
            <span style={{ width: `${Math.round((value / max) * 100)}%` }} />
          </span>
          <span className="fb-metric-part-value">{number(value)}</span>
        </div>
      ))}
    </Flex>
  );
};

/** Where an entered number comes from, and a button to enter it for those who may. */
const EnteredNote = ({ definition, result, period }: { definition: MetricDefinitionView; result: MetricResult; period: { from: string; to: string } }) => {
  const mayEnter = useCan('metric.enter');
  const [isEntering, setEntering] = useState(false);
  return (
    <Flex vertical gap={4} onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
      <Flex gap={6} align="center" wrap>
        <Tag color="gold">录入</Tag>
        <Typography.Text type="secondary" data-testid="metric-entry-source">
          {result.entry ? `来源：${result.entry.source}（${result.entry.enteredBy}录入，${result.entry.from} 至 ${result.entry.to}）` : '本期尚未录入'}
        </Typography.Text>
      </Flex>
      {mayEnter && (
        <Button size="small" style={{ alignSelf: 'flex-start' }} onClick={() => setEntering(true)}>
          {result.entry ? '更正' : '录入'}
        </Button>
      )}
      {isEntering && <EnterMetricDialog definition={definition} period={period} onClose={() => setEntering(false)} />}
    </Flex>
  );
};

export const MetricCard = ({
  definition,
  result,
  isLoading,
  onOpen,
  period,
}: {
  definition: MetricDefinitionView;
  result: MetricResult | undefined;
  isLoading: boolean;
  onOpen: () => void;
  period: { from: string; to: string };
}) => {
  const extras = Object.entries(result?.extra ?? {});
  return (
    <Card
      hoverable
      className="fb-metric-card"
      data-testid="metric-card"
      onClick={onOpen}
      role="button"
      tabIndex={0}
      aria-label={`${definition.label}，查看明细`}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onOpen();
        }
      }}
      title={
        <Flex gap={6} align="center">
          <span className="fb-metric-title">{definition.label}</span>
          <Tooltip title={definition.description}>
            <QuestionCircleOutlined aria-label="统计口径" style={{ color: '#9ca3af' }} onClick={(event) => event.stopPropagation()} />
          </Tooltip>
        </Flex>
      }
    >
      {isLoading && !result ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : result ? (
        <Flex vertical gap={12}>
          <div className="fb-metric-value" data-testid="metric-value">
            {number(result.value)}
            <span className="fb-metric-unit">{result.unit}</span>
          </div>
          {result.hasData || result.origin !== 'computed' ? (
            <Change result={result} />
          ) : (
            // Not a 0: nothing of this kind was kept in Fuban by the end of the period.
            <Typography.Text type="secondary" data-testid="metric-no-data">
              本期末前系统中尚无此类记录
            </Typography.Text>
          )}
          {extras.length > 0 && (
            <Flex gap={12} wrap>
              {extras.map(([key, value]) => (
                <Typography.Text key={key} type="secondary">
                  {definition.labels[key] ?? key} {number(value)}
                </Typography.Text>
              ))}
            </Flex>
          )}
          <Parts parts={result.parts} labels={definition.labels} />
          {result.origin === 'entered' && <EnteredNote definition={definition} result={result} period={period} />}
        </Flex>
      ) : (
        <Typography.Text type="secondary">暂时无法统计</Typography.Text>
      )}
    </Card>
  );
};
