/** A due date as a coloured tag: red 逾期, gold 临期, green 正常; with an optional "why this date" popover. */
import { QuestionCircleOutlined } from '@ant-design/icons';
import { Popover, Tag, Typography } from 'antd';
import type { CaseSummary } from '../../../common/schemas/cases.js';

type DueStatus = CaseSummary['dueStatus'];

export const dueStatusLabels: Record<DueStatus, string> = { none: '', green: '正常', yellow: '临期', red: '逾期' };
const dueColors: Record<DueStatus, string | undefined> = { none: undefined, green: 'green', yellow: 'gold', red: 'red' };

export const dueFilterOptions = (['red', 'yellow', 'green'] as const).map((value) => ({ value, label: dueStatusLabels[value] }));

/** The explanation lines of a computed deadline (依据, 规则, 起算, 不计休息日, 到期日). */
export const DeadlineLines = ({ lines }: { lines: readonly string[] }) => (
  <ol className="fb-deadline-lines" style={{ margin: 0, paddingLeft: 18, maxWidth: 420 }}>
    {lines.map((line) => (
      <li key={line}>{line}</li>
    ))}
  </ol>
);

export const DueTag = ({
  dueDate,
  status,
  lines,
  isVerbose = false,
}: {
  dueDate: string | null;
  status: DueStatus;
  /** When given, a 「为什么是这个日期」 popover explains the date. */
  lines?: readonly string[] | null;
  /** Spell out the popover link instead of showing only an icon. */
  isVerbose?: boolean;
}) => {
  if (!dueDate) return <Typography.Text type="secondary">—</Typography.Text>;
  const tag = (
    <Tag color={dueColors[status]} style={{ marginInlineEnd: 0 }}>
      {dueDate}
      {status !== 'none' && ` ${dueStatusLabels[status]}`}
    </Tag>
  );
  if (!lines?.length) return tag;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {tag}
      <Popover title="为什么是这个日期" content={<DeadlineLines lines={lines} />} trigger="click">
        <Typography.Link aria-label="为什么是这个日期" style={{ marginInlineStart: 6 }}>
          <QuestionCircleOutlined />
          {isVerbose && ' 为什么是这个日期'}
        </Typography.Link>
      </Popover>
    </span>
  );
};
