/**
 * The body as it will print (GB/T 9704-2012 7.3.3): 一级 一、 in 黑体, 二级 （一） in 楷体, 三级 1. and
 * 四级 （1） in 仿宋 (三级 bold), paragraphs indented two characters — the numbers computed, never typed.
 */
import { Typography } from 'antd';
import { type BodyBlock, numberBody } from '../../../../common/documents/official.js';
import './outgoing.css';

export const BodyPreview = ({ title, blocks, testId }: { title?: string; blocks: readonly BodyBlock[]; testId?: string }) => (
  <div className="fb-doc-page" data-testid={testId}>
    {title && <div className="fb-doc-title">{title}</div>}
    {blocks.length === 0 && <Typography.Text type="secondary">（正文为空）</Typography.Text>}
    {numberBody(blocks).map((block, index) => (
      <p key={index} className={`fb-doc-block fb-doc-level-${block.level}`} data-level={block.level}>
        {block.prefix}
        {block.text}
      </p>
    ))}
  </div>
);
