/** A number within the declared bounds, with its unit after it (工作日, 分钟). */
import { Form, InputNumber } from 'antd';
import { itemProps, type WidgetProps } from './types.js';

export const NumberWidget = ({ field }: WidgetProps<'number'>) => (
  <Form.Item {...itemProps(field)} rules={field.isRequired ? [{ required: true, message: `请填写${field.label}` }] : []}>
    <InputNumber min={field.min} max={field.max} precision={field.isInteger ? 0 : undefined} suffix={field.unit} style={{ width: 180 }} />
  </Form.Item>
);
