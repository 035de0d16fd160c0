/** Files uploaded at once; the form keeps {digest, name} and the dialog waits while one uploads. */
import { Form } from 'antd';
import { AttachmentsInput } from '../AttachmentsInput.js';
import { itemProps, type WidgetProps } from './types.js';

export const FilesWidget = ({ field, context }: WidgetProps<'files'>) => (
  <Form.Item {...itemProps(field, `请上传${field.label}`)} rules={field.isRequired ? [{ required: true, message: `请上传${field.label}` }] : []}>
    <AttachmentsInput onBusyChange={context.onBusyChange} />
  </Form.Item>
);
