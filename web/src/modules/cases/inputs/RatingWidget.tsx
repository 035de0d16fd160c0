/** A rating on the declared scale (满意 / 基本满意 / 不满意), one dimension per field. */
import { Form, Radio } from 'antd';
import { itemProps, type WidgetProps } from './types.js';

export const RatingWidget = ({ field }: WidgetProps<'rating'>) => (
  <Form.Item {...itemProps(field)} rules={field.isRequired ? [{ required: true, message: `请选择${field.label}` }] : []}>
    <Radio.Group optionType="button" options={field.options} />
  </Form.Item>
);
