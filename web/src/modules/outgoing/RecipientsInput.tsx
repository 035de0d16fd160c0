/**
 * 主送 / 抄送: organ names typed freely (省人民政府) and units picked from the unit tree — a picked
 * unit keeps its id, so at 核发 it receives the document as a 收文 in Fuban. A form control whose
 * value is a list of {name, unitId?}, in the order chosen (the order prints).
 */
import { ApartmentOutlined } from '@ant-design/icons';
import { Select, Tag } from 'antd';
import { useMemo } from 'react';
import type { Recipient } from '../../../../common/schemas/outgoing.js';
import type { Unit } from '../../../../common/schemas/org.js';
import { buildUnitTree, type UnitNode, useUnits } from '../admin/units/api.js';
import { commonOrgans } from './fields.js';

const unitPrefix = 'unit:';
const keyOf = (recipient: Recipient) => (recipient.unitId ? `${unitPrefix}${recipient.unitId}` : recipient.name);

type Option = { value: string; label: string; search: string };

/** The tree flattened into groups (each top unit with its children), indented by depth. */
const groupsOf = (nodes: UnitNode[]): Array<{ label: string; options: Option[] }> => {
  const flatten = (list: UnitNode[], depth: number): Option[] =>
    list.flatMap((node) => [
      ...(node.isActive ? [{ value: `${unitPrefix}${node.id}`, label: `${'　'.repeat(depth)}${node.name}`, search: `${node.name} ${node.shortName ?? ''}` }] : []),
      ...flatten(node.children ?? [], depth + 1),
    ]);
  return nodes.map((top) => ({ label: top.name, options: flatten([top], 0) }));
};

export const RecipientsInput = ({
  value = [],
  onChange,
  id,
  placeholder,
}: {
  value?: Recipient[];
  onChange?: (recipients: Recipient[]) => void;
  id?: string;
  placeholder?: string;
}) => {
  const { data: units = [], isPending } = useUnits();
  const byId = useMemo(() => new Map<string, Unit>(units.map((unit) => [unit.id, unit])), [units]);
  const options = useMemo(
    () => [{ label: '常用机关（系统外）', options: commonOrgans.map((name) => ({ value: name, label: name, search: name })) }, ...groupsOf(buildUnitTree(units))],
    [units],
  );

  const change = (keys: string[]) => {
    const previous = new Map(value.map((recipient) => [keyOf(recipient), recipient]));
    const next = keys
      .map((key) => key.trim())
      .filter((key) => key.length > 0)
      .map((key): Recipient => {
        const kept = previous.get(key);
        if (kept) return kept;
        if (key.startsWith(unitPrefix)) {
          const unitId = key.slice(unitPrefix.length);
          return { name: byId.get(unitId)?.name ?? unitId, unitId };
        }
        return { name: key };
      });
    onChange?.(next.filter((recipient, index) => next.findIndex((other) => keyOf(other) === keyOf(recipient)) === index));
  };

  return (
    <Select<string[]>
      id={id}
      mode="tags"
      value={value.map(keyOf)}
      onChange={change}
      options={options}
      loading={isPending}
      tokenSeparators={['、', '，', ',']}
      placeholder={placeholder ?? '输入机关名称后回车，或从单位中选择'}
      showSearch={{ filterOption: (input, option) => String((option as Option | undefined)?.search ?? option?.value ?? '').includes(input.trim()) }}
      style={{ width: '100%' }}
      tagRender={({ value: key, closable, onClose }) => {
        const recipient = value.find((item) => keyOf(item) === key);
        const isUnit = String(key).startsWith(unitPrefix);
        return (
          <Tag
            closable={closable}
            onClose={onClose}
            color={isUnit ? 'blue' : undefined}
            icon={isUnit ? <ApartmentOutlined /> : undefined}
            style={{ marginInlineEnd: 4 }}
            title={isUnit ? '系统内单位：核发时收到收文' : '系统外机关：线下分发'}
          >
            {recipient?.name ?? String(key)}
          </Tag>
        );
      }}
    />
  );
};
