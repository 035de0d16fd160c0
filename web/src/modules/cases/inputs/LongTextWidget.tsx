/** Several lines (意见, 理由, 答复) with one-click phrases; a whole 文稿 counts its 字数 as the office does. */
import { Button, Flex, Form, Input } from 'antd';
import { DraftTextInput, draftTextRule } from '../../drafts/DraftTextInput.js';
import { itemProps, type WidgetProps } from './types.js';

export const LongTextWidget = ({ field, context }: WidgetProps<'longText'>) => {
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
        <Flex gap={8} wrap style={{ marginBottom: 24 }}>
          {field.phrases.map((phrase) => (
            <Button key={phrase} size="small" shape="round" onClick={() => context.setValue(field.name, phrase)}>
              {phrase}
            </Button>
          ))}
        </Flex>
      )}
    </>
  );
};
