/** The ordered steps of an approval chain: label, type, roles, 并行 and 仅规范性文件; move, remove, add. */
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Input, Select, Tooltip, Typography } from 'antd';
import type { Role } from '../../../../../common/access.js';
import type { ChainStep } from '../../../../../common/schemas/outgoing.js';
import { businessRoleOptions, stepTypeOptions } from './chain-labels.js';
import './outgoing-config.css';

/** A step being edited; `key` only keeps React rows stable while steps move. */
export type StepDraft = ChainStep & { key: number };

let nextKey = 1;
export const toDraft = (step: ChainStep): StepDraft => ({ ...step, key: nextKey++ });
export const newStep = (): StepDraft => toDraft({ label: '', type: 'review', roles: [], parallel: false, onlyNormative: false });
export const fromDraft = ({ key: _key, ...step }: StepDraft): ChainStep => step;

const StepRow = ({
  step,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  step: StepDraft;
  index: number;
  count: number;
  errors: readonly string[];
  onChange: (patch: Partial<ChainStep>) => void;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}) => {
  const classes = ['fb-cfg-card'];
  if (step.parallel && index > 0) classes.push('fb-cfg-card-parallel');
  if (errors.length) classes.push('fb-cfg-card-error');
  return (
    <div className={classes.join(' ')} data-testid={`chain-step-${index}`}>
      <Flex gap={8} wrap align="center">
        <Typography.Text type="secondary" style={{ width: 44 }}>
          第 {index + 1} 步
        </Typography.Text>
        <Input
          aria-label={`第 ${index + 1} 步名称`}
          placeholder="步骤名称，如 核稿"
          maxLength={20}
          style={{ width: 150 }}
          value={step.label}
          onChange={(event) => onChange({ label: event.target.value })}
        />
        <Select<ChainStep['type']>
          aria-label={`第 ${index + 1} 步类型`}
          style={{ width: 90 }}
          options={stepTypeOptions}
          value={step.type}
          // 会签 is done by the units the drafter picks, so it names no roles.
          onChange={(type) => onChange(type === 'countersign' ? { type, roles: [] } : { type })}
        />
        {step.type === 'countersign' ? (
          <Typography.Text type="secondary" style={{ flex: 1, minWidth: 200 }}>
            由拟稿时选定的会签单位办理
          </Typography.Text>
        ) : (
          <Select<Role[]>
            mode="multiple"
            aria-label={`第 ${index + 1} 步办理角色`}
            placeholder="办理角色"
            style={{ flex: 1, minWidth: 220 }}
            options={businessRoleOptions}
            value={step.roles}
            status={errors.length && step.roles.length === 0 ? 'error' : undefined}
            onChange={(roles) => onChange({ roles })}
          />
        )}
      </Flex>
      <Flex gap={8} wrap align="center" justify="space-between" style={{ marginTop: 8, paddingLeft: 52 }}>
        <Flex gap={16} wrap>
          <Tooltip title={index === 0 ? '第一步不能并行' : '与上一步同时办理，都完成后进入下一步'}>
            <Checkbox checked={step.parallel} disabled={index === 0 && !step.parallel} onChange={(event) => onChange({ parallel: event.target.checked })}>
              与上一步并行
            </Checkbox>
          </Tooltip>
          <Tooltip title="如 合法性审查：不是规范性文件时跳过此步">
            <Checkbox checked={step.onlyNormative} onChange={(event) => onChange({ onlyNormative: event.target.checked })}>
              仅规范性文件
            </Checkbox>
          </Tooltip>
        </Flex>
        <Flex gap={4}>
          <Button size="small" icon={<ArrowUpOutlined />} aria-label="上移" disabled={index === 0} onClick={() => onMove(-1)} />
          <Button size="small" icon={<ArrowDownOutlined />} aria-label="下移" disabled={index === count - 1} onClick={() => onMove(1)} />
          <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除此步" disabled={count === 1} onClick={onRemove} />
        </Flex>
      </Flex>
      {errors.map((error) => (
        <Typography.Text key={error} type="danger" style={{ display: 'block', marginTop: 6, paddingLeft: 52 }}>
          {error}
        </Typography.Text>
      ))}
    </div>
  );
};

export const StepsEditor = ({
  value,
  errors,
  onChange,
}: {
  value: readonly StepDraft[];
  errors: ReadonlyMap<number, readonly string[]>;
  onChange: (steps: StepDraft[]) => void;
}) => {
  const update = (index: number, patch: Partial<ChainStep>) =>
    onChange(value.map((step, position) => (position === index ? { ...step, ...patch } : step)));
  const move = (index: number, offset: -1 | 1) => {
    const next = [...value];
    const [moved] = next.splice(index, 1);
    next.splice(index + offset, 0, moved!);
    onChange(next);
  };
  // 签发 stays last: a new step goes in before it.
  const add = () => {
    const signAtEnd = value.at(-1)?.type === 'sign';
    onChange(signAtEnd ? [...value.slice(0, -1), newStep(), value.at(-1)!] : [...value, newStep()]);
  };
  return (
    <div>
      {value.map((step, index) => (
        <StepRow
          key={step.key}
          step={step}
          index={index}
          count={value.length}
          errors={errors.get(index) ?? []}
          onChange={(patch) => update(index, patch)}
          onMove={(offset) => move(index, offset)}
          onRemove={() => onChange(value.filter((_step, position) => position !== index))}
        />
      ))}
      <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 8 }} disabled={value.length >= 12} onClick={add}>
        添加步骤
      </Button>
    </div>
  );
};
