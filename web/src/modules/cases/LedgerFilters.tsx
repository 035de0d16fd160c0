/** The ledger's filter bar: state, due colour, handling unit (office staff), 登记 date range, keyword, order. */
import { Button, Flex, Input, Select } from 'antd';
import { toPickerValue, DatePicker } from '../../app/time.js';
import { useState } from 'react';
import type { CaseQuery, KindView } from '../../../../common/schemas/cases.js';
import { dueFilterOptions } from '../../components/DueTag.js';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.js';

/** The filters a ledger page keeps in its URL. */
export type LedgerFilterValues = Partial<Pick<CaseQuery, 'state' | 'due' | 'unit' | 'from' | 'to' | 'q' | 'sort'>>;

/** Whether any filter narrows the ledger (the order is not a filter). */
export const hasLedgerFilters = (value: LedgerFilterValues) => Boolean(value.state || value.due || value.unit || value.from || value.to || value.q);

const sortOptions = [
  { value: 'created_desc', label: '最新登记在前' },
  { value: 'created_asc', label: '最早登记在前' },
  { value: 'due_asc', label: '时限最近在前' },
];

export const LedgerFilters = ({
  kind,
  value,
  onChange,
  canFilterUnit,
}: {
  kind: KindView;
  value: LedgerFilterValues;
  onChange: (patch: LedgerFilterValues) => void;
  canFilterUnit: boolean;
}) => {
  const [keyword, setKeyword] = useState(value.q ?? '');
  const range = value.from && value.to ? ([toPickerValue(value.from), toPickerValue(value.to)] as const) : null;

  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }}>
      <Select
        aria-label="按状态筛选"
        placeholder="全部状态"
        allowClear
        style={{ width: 130 }}
        value={value.state}
        options={kind.states.map((state) => ({ value: state.id, label: state.label }))}
        onChange={(state?: string) => onChange({ state })}
      />
      <Select<'red' | 'yellow' | 'green'>
        aria-label="按时限筛选"
        placeholder="全部时限"
        allowClear
        style={{ width: 120 }}
        value={value.due}
        options={dueFilterOptions}
        onChange={(due) => onChange({ due })}
      />
      {canFilterUnit && (
        <UnitTreeSelect
          isFilter
          aria-label="按承办单位筛选"
          placeholder="全部承办单位"
          allowClear
          style={{ width: 200 }}
          value={value.unit}
          onChange={(unit) => onChange({ unit: unit ?? undefined })}
        />
      )}
      <DatePicker.RangePicker
        aria-label="登记日期"
        placeholder={['登记日期起', '登记日期止']}
        style={{ width: 250 }}
        value={range ? [range[0], range[1]] : null}
        onChange={(dates) =>
          onChange({ from: dates?.[0]?.format('YYYY-MM-DD') ?? undefined, to: dates?.[1]?.format('YYYY-MM-DD') ?? undefined })
        }
      />
      <Input.Search
        aria-label="关键词"
        placeholder="编号、标题、领导、内容"
        allowClear
        enterButton="查询"
        style={{ width: 280 }}
        value={keyword}
        onChange={(event) => setKeyword(event.target.value)}
        onSearch={(text) => onChange({ q: text.trim() || undefined })}
      />
      <Select
        aria-label="排序"
        style={{ width: 140 }}
        value={value.sort ?? 'created_desc'}
        options={sortOptions}
        onChange={(sort: NonNullable<LedgerFilterValues['sort']>) => onChange({ sort })}
      />
      {hasLedgerFilters(value) && (
        <Button
          type="link"
          onClick={() => {
            setKeyword('');
            onChange({ state: undefined, due: undefined, unit: undefined, from: undefined, to: undefined, q: undefined });
          }}
        >
          清空筛选
        </Button>
      )}
    </Flex>
  );
};
