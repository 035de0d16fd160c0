/** Several lines (意见, 理由, 答复) with one-click phrases (each added to what is written); a whole 文稿 counts its 字数 as the office does. */
import { Form, Input } from 'antd';
import { PhraseButtons } from '../../../components/PhraseButtons.js';
import { DraftTextInput, draftTextRule } from '../../drafts/DraftTextInput.js';
import { itemProps, type WidgetProps } from './types.js';

export const LongTextWidget = ({ field, context }: WidgetProps<'longText'>) => {
  // What the box holds, for a tapped phrase to be added to (Form.useWatch re-renders only this field).
  const written: unknown = Form.useWatch(field.name, Form.useFormInstance());
  if (field.variant === 'document') {
    return (
      <Form.Item {...itemProps(field)} rules={field.isRequired ? [draftTextRule] : []}>
        <DraftTextInput />
      </Form.Item>
    );
  }
  return (
    <>
      <Form.Item {...itemProps(field)} style={field.phrases ? { marginBottom: 8 } : undefined}>
        <Input.TextArea rows={field.rows ?? 3} maxLength={field.maxLength} showCount={field.maxLength > 4000} placeholder={field.placeholder} />
      </Form.Item>
      {field.phrases && (
        <div style={{ marginBottom: 24 }}>
          <PhraseButtons phrases={field.phrases} value={typeof written === 'string' ? written : ''} onChange={(text) => context.setValue(field.name, text)} />
        </div>
      )}
    </>
  );
};
