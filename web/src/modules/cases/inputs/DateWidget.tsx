/** A calendar day; the form holds it as YYYY-MM-DD, as the server takes it. */
import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { itemProps, type WidgetProps } from './types.js';

export const DateWidget = ({ field }: WidgetProps<'date'>) => (
  <Form.Item
    {...itemProps(field)}
    rules={field.isRequired ? [{ required: true, message: `请选择${field.label}` }] : []}
    getValueProps={(value: string | undefined) => ({ value: value ? dayjs(value) : undefined })}
    normalize={(value: Dayjs | null) => value?.format('YYYY-MM-DD')}
  >
    <DatePicker style={{ width: 180 }} />
  </Form.Item>
);
