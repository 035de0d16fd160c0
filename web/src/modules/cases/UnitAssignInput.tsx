/**
 * 交办 picker: choose units from the tree, then per unit its role (主办/协办/会办), an optional
 * 办理时限 in working days (the kind's rule otherwise) and 交办要求. A form control (value/onChange).
 * With the case's id, each unit shows the date its deadline will fall on (the server computes it as
 * 交办 will), not 「默认」.
 */
import { DeleteOutlined } from '@ant-design/icons';
import { Button, Flex, Input, InputNumber, Select, Table, type TableColumnsType, TreeSelect, Typography } from 'antd';
import { useMemo } from 'react';
import { type AssignmentDetail, assignmentRoleLabels } from '../../../../common/schemas/cases.js';
import type { Unit } from '../../../../common/schemas/org.js';
import { buildUnitTree, type UnitNode, useUnits } from '../admin/units/api.js';
import { useAssignmentDue } from './api.js';

type AssignmentRole = AssignmentDetail['role'];

export type UnitAssignRow = {
  unitId: string;
  role: AssignmentRole;
  dueDays?: number | null;
  instruction?: string;
};

type TreeOption = { value: string; title: string; search: string; disabled?: boolean; children?: TreeOption[] };

const toOptions = (nodes: UnitNode[], taken: ReadonlySet<string>): TreeOption[] =>
  nodes.map((node) => ({
    value: node.id,
    title: node.shortName ? `${node.name}（${node.shortName}）` : node.name,
    search: `${node.name} ${node.shortName ?? ''} ${node.code}`,
    disabled: !node.isActive || taken.has(node.id),
    children: node.children ? toOptions(node.children, taken) : undefined,
  }));

const allRoles = Object.keys(assignmentRoleLabels) as AssignmentRole[];

/**
 * A unit's 办理时限: the working days (the kind's default until typed) and, under it, the date 交办 now
 * would set — computed by the server as 交办 computes it, so the clerk sees a date, not 「默认」.
 */
const DueCell = ({ caseId, role, days, onChange }: { caseId: string; role: AssignmentRole; days: number | null | undefined; onChange: (days: number | null) => void }) => {
  const { data } = useAssignmentDue(caseId, role, days);
  const weekday = data?.due ? '日一二三四五六'[new Date(`${data.due}T12:00:00Z`).getUTCDay()] : '';
  return (
    <Flex vertical gap={2}>
      <InputNumber
        aria-label="办理时限（工作日）"
        size="small"
        min={1}
        max={365}
        precision={0}
        placeholder={data?.amount ? String(data.amount) : undefined}
        value={days ?? null}
        onChange={onChange}
      />
      {data?.due && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="assignment-due">
          {data.isDefault && data.amount ? `默认 ${data.amount} ${data.unit ?? ''}，` : ''}至 {data.due}（周{weekday}）
        </Typography.Text>
      )}
    </Flex>
  );
};

export const UnitAssignInput = ({
  value = [],
  onChange,
  excludeUnitIds = [],
  roles = allRoles,
  roleLabels = assignmentRoleLabels,
  label = '承办单位',
  caseId,
  hasLead = false,
  id,
}: {
  value?: UnitAssignRow[];
  onChange?: (rows: UnitAssignRow[]) => void;
  /** Units already handling the case: they cannot be picked again. */
  excludeUnitIds?: readonly string[];
  /** The roles this action may give (e.g. only 会签 for a 发文); the first is the default. */
  roles?: readonly AssignmentRole[];
  roleLabels?: Record<AssignmentRole, string>;
  /** What the units are called here: 承办单位, 会签单位. */
  label?: string;
  /** The case being assigned: each unit's due date is previewed. */
  caseId: string;
  /** The case already has a 主办 at work: units added now are 协办 unless chosen otherwise. */
  hasLead?: boolean;
  id?: string;
}) => {
  const { data: units = [], isPending } = useUnits();
  const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));
  const byId = useMemo(() => new Map<string, Unit>(units.map((unit) => [unit.id, unit])), [units]);
  const treeData = useMemo(() => toOptions(buildUnitTree(units), new Set(excludeUnitIds)), [units, excludeUnitIds]);

  const setUnits = (unitIds: string[]) => {
    const kept = value.filter((row) => unitIds.includes(row.unitId));
    const added = unitIds
      .filter((unitId) => !value.some((row) => row.unitId === unitId))
      .map((unitId): UnitAssignRow => ({ unitId, role: roles.includes('assist') ? 'assist' : roles[0]! }));
    // The first unit picked is 主办 unless one already is, here or on the case (where 主办 may be given at all).
    const rows = [...kept, ...added];
    if (roles.includes('lead') && !hasLead && rows.length > 0 && !rows.some((row) => row.role === 'lead')) rows[0] = { ...rows[0]!, role: 'lead' };
    onChange?.(rows);
  };

  const update = (unitId: string, patch: Partial<UnitAssignRow>) =>
    onChange?.(value.map((row) => (row.unitId === unitId ? { ...row, ...patch } : row)));

  const columns: TableColumnsType<UnitAssignRow> = [
    { title: '单位', key: 'unit', render: (_value, row) => byId.get(row.unitId)?.shortName ?? byId.get(row.unitId)?.name ?? '—' },
    {
      title: '承办方式',
      key: 'role',
      width: 100,
      render: (_value, row) =>
        roles.length === 1 ? (
          roleLabels[row.role]
        ) : (
        <Select<AssignmentRole>
          aria-label="承办方式"
          size="small"
          style={{ width: 80 }}
          value={row.role}
          options={roleOptions}
          onChange={(role) => update(row.unitId, { role })}
        />
        ),
    },
    {
      title: '办理时限（工作日）',
      key: 'dueDays',
      width: 190,
      render: (_value, row) => <DueCell caseId={caseId} role={row.role} days={row.dueDays} onChange={(dueDays) => update(row.unitId, { dueDays })} />,
    },
    {
      title: '交办要求',
      key: 'instruction',
      render: (_value, row) => (
        <Input
          aria-label="交办要求"
          size="small"
          maxLength={500}
          placeholder="可不填"
          value={row.instruction}
          onChange={(event) => update(row.unitId, { instruction: event.target.value })}
        />
      ),
    },
    {
      key: 'remove',
      width: 44,
      render: (_value, row) => (
        <Button
          type="text"
          size="small"
          aria-label="移除"
          icon={<DeleteOutlined />}
          onClick={() => setUnits(value.filter((item) => item.unitId !== row.unitId).map((item) => item.unitId))}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={8}>
      <TreeSelect<string[]>
        id={id}
        aria-label={label}
        multiple
        treeData={treeData}
        value={value.map((row) => row.unitId)}
        onChange={(unitIds) => setUnits(unitIds ?? [])}
        treeDefaultExpandAll
        showSearch={{ treeNodeFilterProp: 'search' }}
        placeholder={`选择${label}（可多选）`}
        loading={isPending}
        style={{ width: '100%' }}
        maxTagCount="responsive"
      />
      {value.length > 0 && (
        <Table<UnitAssignRow>
          rowKey="unitId"
          size="small"
          columns={columns}
          dataSource={value}
          pagination={false}
          scroll={{ x: 560 }}
        />
      )}
    </Flex>
  );
};

/** Several units picked from the tree (e.g. 传阅单位); a form control with a list of unit ids. */
export const UnitAssignTree = ({
  value,
  onChange,
  id,
  placeholder,
}: {
  value?: string[];
  onChange?: (unitIds: string[]) => void;
  id?: string;
  placeholder?: string;
}) => {
  const { data: units = [], isPending } = useUnits();
  const treeData = useMemo(() => toOptions(buildUnitTree(units), new Set()), [units]);
  return (
    <TreeSelect<string[]>
      id={id}
      multiple
      treeData={treeData}
      value={value}
      onChange={(unitIds) => onChange?.(unitIds ?? [])}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'search' }}
      placeholder={placeholder}
      loading={isPending}
      style={{ width: '100%' }}
      maxTagCount="responsive"
    />
  );
};
