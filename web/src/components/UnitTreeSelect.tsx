/** Picks a unit from the unit tree. Disabled units are shown; they can be chosen only as a filter. */
import { TreeSelect } from 'antd';
import { type CSSProperties, useMemo } from 'react';
import { buildUnitTree, type UnitNode, useUnits } from '../modules/admin/units/api.js';

type TreeOption = { value: string; title: string; disabled?: boolean; children?: TreeOption[] };

const toOptions = (nodes: UnitNode[], options: { excludeId?: string; canPickInactive: boolean }): TreeOption[] =>
  nodes
    .filter((node) => node.id !== options.excludeId)
    .map((node) => ({
      value: node.id,
      title: node.isActive ? node.name : `${node.name}（已停用）`,
      disabled: !node.isActive && !options.canPickInactive,
      children: node.children ? toOptions(node.children, options) : undefined,
    }));

export const UnitTreeSelect = ({
  value,
  onChange,
  excludeId,
  isFilter = false,
  placeholder = '请选择单位',
  allowClear,
  style,
  id,
  'aria-label': ariaLabel,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Leave out this unit and its subtree (a unit cannot move under itself). */
  excludeId?: string;
  /** As a search filter, disabled units can be picked too. */
  isFilter?: boolean;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
}) => {
  const { data: units = [], isPending } = useUnits();
  const treeData = useMemo(
    () => toOptions(buildUnitTree(units), { excludeId, canPickInactive: isFilter }),
    [units, excludeId, isFilter],
  );
  return (
    <TreeSelect<string>
      id={id}
      aria-label={ariaLabel}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      allowClear={allowClear}
      loading={isPending}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
};

/** Picks several units from the unit tree (active ones only): 责任单位, 会办单位. */
export const UnitsTreeSelect = ({
  value,
  onChange,
  placeholder = '请选择单位（可多选）',
  style,
  id,
  'aria-label': ariaLabel,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  style?: CSSProperties;
  id?: string;
  'aria-label'?: string;
}) => {
  const { data: units = [], isPending } = useUnits();
  const treeData = useMemo(() => toOptions(buildUnitTree(units), { canPickInactive: false }), [units]);
  return (
    <TreeSelect<string[]>
      id={id}
      aria-label={ariaLabel}
      multiple
      value={value ?? []}
      onChange={(next) => onChange?.(next ?? [])}
      treeData={treeData}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      loading={isPending}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
};
