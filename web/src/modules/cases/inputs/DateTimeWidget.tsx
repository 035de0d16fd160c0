/** An instant to the minute, typed in Beijing time; the form holds it as ISO 8601 with +08:00. */
import { Form } from 'antd';
import { toPickerValue, fromPickerValue, DatePicker } from '../../../app/time.js';
import type { Dayjs } from 'dayjs';
import { itemProps, type WidgetProps } from './types.js';

export const DateTimeWidget = ({ field }: WidgetProps<'dateTime'>) => (
  <Form.Item
    {...itemProps(field)}
    rules={field.isRequired ? [{ required: true, message: `请选择${field.label}` }] : []}
    getValueProps={(value: string | undefined) => ({ value: value ? toPickerValue(value) : undefined })}
    normalize={(value: Dayjs | null) => (value ? fromPickerValue(value.second(0)) : undefined)}
  >
    <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 220 }} />
  </Form.Item>
);
