/** The full text of a 文稿 version, pasted in, with its 字数 counted live as the office counts it. */
import { Flex, Input, Typography } from 'antd';
import { countCharacters, formatChars } from './count.js';

export const draftTextRule = {
  validator: async (_rule: unknown, value: string | undefined) => {
    if (!value || countCharacters(value) === 0) throw new Error('请粘贴文稿正文（用于计算字数）');
  },
};

export const DraftTextInput = ({ value = '', onChange, id }: { value?: string; onChange?: (text: string) => void; id?: string }) => {
  const chars = countCharacters(value);
  return (
    <Flex vertical gap={4}>
      <Input.TextArea
        id={id}
        value={value}
        onChange={(event) => onChange?.(event.target.value)}
        autoSize={{ minRows: 10, maxRows: 20 }}
        maxLength={300_000}
        placeholder="在此粘贴文稿全文"
      />
      <Typography.Text type="secondary" data-testid="draft-chars" aria-live="polite">
        字数：<Typography.Text strong>{formatChars(chars)}</Typography.Text>（汉字和数字；全文 {value.length.toLocaleString('zh-CN')} 个字符）
      </Typography.Text>
    </Flex>
  );
};
