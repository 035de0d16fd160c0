/** An instant to the minute; the form holds it as ISO 8601 with the offset (+08:00 in the office). */
import { DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { itemProps, type WidgetProps } from './types.js';

export const DateTimeWidget = ({ field }: WidgetProps<'dateTime'>) => (
  <Form.Item
    {...itemProps(field)}
    rules={field.isRequired ? [{ required: true, message: `请选择${field.label}` }] : []}
    getValueProps={(value: string | undefined) => ({ value: value ? dayjs(value) : undefined })}
    normalize={(value: Dayjs | null) => value?.second(0).format()}
  >
    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
  </Form.Item>
);
