/** A unit, or several, from the unit tree. */
import { Form, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { buildUnitTree, type UnitNode, useUnits } from '../../admin/units/api.js';
import { UnitAssignTree } from '../UnitAssignInput.js';
import { itemProps, type WidgetProps } from './types.js';

type TreeOption = { value: string; title: string; disabled?: boolean; children?: TreeOption[] };
const toOptions = (nodes: UnitNode[]): TreeOption[] =>
  nodes.map((node) => ({ value: node.id, title: node.name, disabled: !node.isActive, children: node.children ? toOptions(node.children) : undefined }));

const OneUnit = ({ value, onChange, id }: { value?: string; onChange?: (unitId: string) => void; id?: string }) => {
  const { data: units = [], isPending } = useUnits();
  const treeData = useMemo(() => toOptions(buildUnitTree(units)), [units]);
  return <TreeSelect id={id} value={value} onChange={onChange} treeData={treeData} treeDefaultExpandAll showSearch={{ treeNodeFilterProp: 'title' }} loading={isPending} style={{ width: '100%' }} />;
};

export const UnitPickerWidget = ({ field }: WidgetProps<'unitPicker'>) => (
  <Form.Item {...itemProps(field)} rules={field.isRequired ? [{ required: true, message: `请选择${field.label}` }] : []}>
    {field.isMultiple ? <UnitAssignTree placeholder={`选择${field.label}`} /> : <OneUnit />}
  </Form.Item>
);
