/** One of a few values as radio buttons, or several from a list. */
import { Form, Radio, Select } from 'antd';
import { itemProps, type WidgetProps } from './types.js';

export const ChoiceWidget = ({ field }: WidgetProps<'choice'>) => (
  <Form.Item {...itemProps(field, `请选择${field.label}`)} rules={field.isRequired ? [{ required: true, message: `请选择${field.label}` }] : []}>
    {field.display === 'radio' && !field.isMultiple ? (
      <Radio.Group options={field.options} />
    ) : (
      <Select mode={field.isMultiple ? 'multiple' : undefined} allowClear options={field.options} showSearch={{ optionFilterProp: 'label' }} />
    )}
  </Form.Item>
);
