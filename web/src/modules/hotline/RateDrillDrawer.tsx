/**
 * The tickets behind a figure of the 三率 board: 全部 (the denominator), 计入 (the numerator) or 未达标, a
 * page at a time, each with why it counts or misses and a link to its case. A ticket may be listed twice
 * when the rate counts it twice (派单 to two units, or 回访 before and after 重办).
 */
import { Alert, Drawer, Grid, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { drillPartLabels, rateLabels, type DrillPart, type RateDrillRow, type RateId } from '../../../../common/schemas/hotline-rates.js';
import { casePath } from '../cases/api.js';
import { type RateCell, useRateDrill } from './rates-api.js';
import { formatTime, isDateOnly } from '../../app/time.js';

/** What each rate counts, in the center's words: the rule behind the list. */
const rules: Record<RateId, string> = {
  response: '本月派单（含改派）中，在签收时限（派单后规定工作小时）内签收或依职责清单退单的；分母为已签收、已退单和签收时限已过仍未签收的派单，每次派单各计一次。',
  resolution: '本月回访（含不满意重办时的回访）联系上来电人的，来电人表示已解决的；未联系上的不计入分母。',
  satisfaction: '本月回访（含不满意重办时的回访）联系上来电人的，结果为满意或基本满意的；未联系上的不计入分母。',
  onTime: '本月办结答复的，以及办理期限已在本月届满仍未答复的，在办理时限（自签收起的工作日，延期、重办按调整后）内答复的。',
};

/** An instant as 2026-03-09 10:00 in Beijing time; a day stays a day. */
const when = (value: string | null): string => (value === null ? '—' : isDateOnly(value) ? value : formatTime(value));

const columns: TableColumnsType<RateDrillRow> = [
  { title: '工单号', dataIndex: 'serialNo', width: 120 },
  { title: '诉求', key: 'title', width: 260, render: (_, row) => <Link to={casePath('ticket', row.caseId)}>{row.title}</Link> },
  { title: '承办单位', dataIndex: 'unitName', width: 110, render: (value: string | null) => value ?? '—' },
  { title: '街乡', dataIndex: 'area', width: 90, render: (value: string | null) => value ?? '—' },
  { title: '计入时间', dataIndex: 'at', width: 140, render: when },
  { title: '时限', dataIndex: 'due', width: 140, render: when },
  {
    title: '结果',
    key: 'outcome',
    width: 260,
    render: (_, row) => (
      <>
        <Tag color={row.isCounted ? 'green' : 'red'}>{row.isCounted ? '计入' : '未达标'}</Tag>
        {row.outcome}
      </>
    ),
  },
];

export const RateDrillDrawer = ({ cell, initialPart, onClose }: { cell: RateCell; initialPart: DrillPart; onClose: () => void }) => {
  const screens = Grid.useBreakpoint();
  const [part, setPart] = useState<DrillPart>(initialPart);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const { data, isFetching } = useRateDrill(cell, part, page, pageSize);
  return (
    <Drawer open title={`${cell.name} · ${cell.month} · ${rateLabels[cell.rate]} · 工单明细`} onClose={onClose} size={screens.md ? 1000 : '100%'} destroyOnHidden>
      <Typography.Paragraph type="secondary">{rules[cell.rate]}</Typography.Paragraph>
      <Segmented<DrillPart>
        aria-label="明细范围"
        style={{ marginBottom: 12 }}
        value={part}
        onChange={(value) => {
          setPart(value);
          setPage(1);
        }}
        options={(['denominator', 'numerator', 'miss'] as const).map((value) => ({ value, label: drillPartLabels[value] }))}
      />
      {data && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`${drillPartLabels[part]}共 ${data.total} 件。`} />}
      <Table<RateDrillRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.rows ?? []}
        loading={isFetching}
        scroll={{ x: 1140 }}
        locale={{ emptyText: '没有工单' }}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => `共 ${total} 件`,
          onChange: (next, size) => {
            setPage(size === pageSize ? next : 1);
            setPageSize(size);
          },
        }}
      />
    </Drawer>
  );
};
