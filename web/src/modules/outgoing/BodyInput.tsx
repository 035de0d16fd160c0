/**
 * 正文 as plain text, one paragraph a line: a line starting 一、 （一） 1. or （1） is a heading of that
 * level. The numbers typed are dropped and recomputed, so the preview beside the box shows what
 * will print. A form control whose value is the text.
 */
import { Col, Input, Row, Typography } from 'antd';
import { useDeferredValue, useMemo } from 'react';
import { parseBodyText } from '../../../../common/documents/official.js';
import { BodyPreview } from './BodyPreview.js';

const levelNames = ['段落', '一级标题', '二级标题', '三级标题', '四级标题'];

export const BodyInput = ({ value = '', onChange, id, title }: { value?: string; onChange?: (text: string) => void; id?: string; title?: string }) => {
  // Deferred: typing stays smooth on a long body while the preview catches up.
  const deferred = useDeferredValue(value);
  const blocks = useMemo(() => parseBodyText(deferred), [deferred]);
  const counts = blocks.reduce((sum, block) => sum.map((n, level) => (level === block.level ? n + 1 : n)), [0, 0, 0, 0, 0]);
  const summary = counts.flatMap((n, level) => (n ? [`${levelNames[level]} ${n}`] : [])).join('，');
  return (
    <Row gutter={[16, 8]}>
      <Col xs={24} lg={12}>
        <Input.TextArea
          id={id}
          aria-label="正文"
          value={value}
          onChange={(event) => onChange?.(event.target.value)}
          autoSize={{ minRows: 12, maxRows: 28 }}
          maxLength={200_000}
          placeholder={'一段一行。标题行以 一、 （一） 1. （1） 开头，序号自动编排。\n例如：\n为保障今冬群众温暖过冬，现将有关事项请示如下。\n一、基本情况\n全市集中供暖面积 2860 万平方米。'}
          className="fb-body-input"
        />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {summary || '尚未填写'}
        </Typography.Text>
      </Col>
      <Col xs={24} lg={12}>
        <div className="fb-body-preview" aria-label="正文预览">
          <BodyPreview title={title} blocks={blocks} testId="body-preview" />
        </div>
      </Col>
    </Row>
  );
};
