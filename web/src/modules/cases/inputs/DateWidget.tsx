/** A calendar day; the form holds it as YYYY-MM-DD, as the server takes it. */
import { Form } from 'antd';
import { toPickerValue, pickerDay, DatePicker } from '../../../app/time.js';
import type { Dayjs } from 'dayjs';
import { itemProps, type WidgetProps } from './types.js';

export const DateWidget = ({ field }: WidgetProps<'date'>) => (
  <Form.Item
    {...itemProps(field)}
    rules={field.isRequired ? [{ required: true, message: `请选择${field.label}` }] : []}
    getValueProps={(value: string | undefined) => ({ value: value ? toPickerValue(value) : undefined })}
    normalize={(value: Dayjs | null) => value ? pickerDay(value) : undefined}
  >
    <DatePicker style={{ width: 180 }} />
  </Form.Item>
);
