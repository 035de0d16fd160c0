/** 统计期间: 年度 / 季度 / 月度 / 自定义, then the year, quarter, month or dates; future periods cannot be picked. */
import { Flex, Segmented } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { type Period, type PeriodMode, periodLabels, periodModes } from './period.js';

const isFuture = (date: Dayjs) => date.isAfter(officeNow(), 'day');

export const PeriodPicker = ({ value, onChange }: { value: Period; onChange: (period: Period) => void }) => {
  const setMode = (mode: PeriodMode) => onChange({ ...value, mode, at: mode === 'custom' ? value.at : value.to });
  const setAt = (at: Dayjs | null) => at && onChange({ ...value, at });
  return (
    <Flex gap={12} wrap align="center">
      <Segmented<PeriodMode>
        aria-label="统计期间"
        value={value.mode}
        options={periodModes.map((mode) => ({ value: mode, label: periodLabels[mode] }))}
        onChange={setMode}
      />
      {value.mode === 'year' && <DatePicker picker="year" aria-label="年份" allowClear={false} value={value.at} onChange={setAt} disabledDate={(date) => date.year() > officeNow().year()} />}
      {value.mode === 'quarter' && (
        <DatePicker picker="quarter" aria-label="季度" allowClear={false} value={value.at} onChange={setAt} disabledDate={isFuture} format="YYYY 年第 Q 季度" />
      )}
      {value.mode === 'month' && <DatePicker picker="month" aria-label="月份" allowClear={false} value={value.at} onChange={setAt} disabledDate={isFuture} />}
      {value.mode === 'custom' && (
        <DatePicker.RangePicker
          aria-label="起止日期"
          allowClear={false}
          value={[value.from, value.to]}
          disabledDate={isFuture}
          onChange={(dates) => dates?.[0] && dates[1] && onChange({ ...value, from: dates[0], to: dates[1] })}
        />
      )}
    </Flex>
  );
};
