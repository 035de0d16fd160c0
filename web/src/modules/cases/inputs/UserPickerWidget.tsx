/** People holding the declared roles (批办领导: the serving leaders). */
import { Form, Select } from 'antd';
import { personLabel, useColleagues } from '../../work/api.js';
import { useLeaders } from '../api.js';
import { itemProps, type WidgetProps } from './types.js';

export const UserPickerWidget = ({ field }: WidgetProps<'userPicker'>) => {
  // The leaders have their own list (serving 政府领导); other roles pick from the colleagues the user may name.
  const isLeaders = field.roles.length === 1 && field.roles[0] === 'leader';
  const leaders = useLeaders(isLeaders);
  const colleagues = useColleagues();
  const people = (isLeaders ? leaders.data : colleagues.data) ?? [];
  return (
    <Form.Item {...itemProps(field)} rules={field.isRequired ? [{ required: true, message: `请选择${field.label}` }] : []}>
      <Select
        mode={field.isMultiple ? 'multiple' : undefined}
        maxCount={field.maxCount}
        allowClear
        placeholder={`选择${field.label}`}
        options={people.map((person) => ({ value: person.id, label: personLabel(person) }))}
        showSearch={{ optionFilterProp: 'label' }}
      />
    </Form.Item>
  );
};
