/** One line of text (标题, 编号), or a kind's own control for it (a list to choose an id from). */
import { Form, Input } from 'antd';
import { itemProps, type WidgetProps } from './types.js';

export const TextWidget = ({ field, context }: WidgetProps<'text'>) => (
  <Form.Item {...itemProps(field)}>{context.control ?? <Input maxLength={field.maxLength} />}</Form.Item>
);
