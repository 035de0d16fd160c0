/**
 * A paragraph of a summary. Read: its text with each number a link to the records behind it and each
 * gap marked. Edit: the text with its number tokens ({{incoming.received}}, {{incoming.received|同比}}),
 * a picker that inserts a metric's token at the cursor, and the list of what each token in it means.
 */
import { Button, Flex, Input, Select, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea.js';
import { useMemo, useRef, useState } from 'react';
import type { MetricDefinitionView } from '../../../../common/schemas/metrics.js';
import { type ResolvedPiece, summaryTokenPattern } from '../../../../common/schemas/summary.js';

const kindLabels: Record<string, string> = { 值: '数值', 同比: '同比变化', 上年: '上年同期', 分项: '分项', 数: '纯数字' };

const tokensIn = (text: string) => [...text.matchAll(summaryTokenPattern())].map((match) => ({ raw: match[0], metricId: match[1]!, kind: match[2] ?? '值' }));

export const Paragraph = ({
  source,
  pieces,
  isEditing,
  mayWrite,
  catalogue,
  onEdit,
  onDone,
  onChange,
  onRemove,
  onOpenMetric,
}: {
  source: string;
  /** Worked out by the server; absent for text changed and not yet saved (numbers show after saving). */
  pieces: ResolvedPiece[] | undefined;
  isEditing: boolean;
  mayWrite: boolean;
  catalogue: MetricDefinitionView[];
  onEdit: () => void;
  onDone: () => void;
  onChange: (text: string) => void;
  onRemove: () => void;
  onOpenMetric: (metricId: string) => void;
}) => {
  const area = useRef<TextAreaRef>(null);
  const [kind, setKind] = useState('值');
  const labelOf = useMemo(() => new Map(catalogue.map((definition) => [definition.id, definition.label])), [catalogue]);

  if (isEditing) {
    const insert = (metricId: string) => {
      const element = area.current?.resizableTextArea?.textArea;
      const at = element?.selectionStart ?? source.length;
      const token = kind === '值' ? `{{${metricId}}}` : `{{${metricId}|${kind}}}`;
      onChange(`${source.slice(0, at)}${token}${source.slice(at)}`);
    };
    return (
      <div className="fb-summary-editing">
        <Input.TextArea ref={area} aria-label="段落" autoSize={{ minRows: 3 }} value={source} onChange={(event) => onChange(event.target.value)} autoFocus />
        <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
          <Select aria-label="插入的内容" value={kind} onChange={setKind} style={{ width: 120 }} options={Object.entries(kindLabels).map(([value, label]) => ({ value, label }))} />
          <Select
            aria-label="插入数字"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="插入数字：选择指标"
            style={{ width: 280 }}
            value={null}
            onChange={(metricId: string) => insert(metricId)}
            options={catalogue.map((definition) => ({ value: definition.id, label: `${definition.section} · ${definition.label}${definition.origin === 'notConnected' ? '（未接入）' : ''}` }))}
          />
          <Button type="primary" size="small" onClick={onDone}>
            完成
          </Button>
          <Button size="small" danger onClick={onRemove}>
            删除段落
          </Button>
        </Flex>
        {tokensIn(source).length > 0 && (
          <Typography.Paragraph type="secondary" className="fb-summary-legend">
            {tokensIn(source).map((token, index) => (
              <span key={index}>
                {token.raw} = {labelOf.get(token.metricId) ?? `未知指标 ${token.metricId}`}（{kindLabels[token.kind] ?? token.kind}）
              </span>
            ))}
          </Typography.Paragraph>
        )}
      </div>
    );
  }

  return (
    <p className="fb-summary-paragraph" onDoubleClick={() => mayWrite && onEdit()} data-testid="summary-paragraph">
      {pieces
        ? pieces.map((piece, index) =>
            piece.type === 'text' ? (
              <span key={index}>{piece.text}</span>
            ) : piece.type === 'number' ? (
              <button key={index} type="button" className="fb-summary-number" data-metric={piece.metricId} title={`${labelOf.get(piece.metricId) ?? piece.metricId}：点击查看明细`} onClick={() => onOpenMetric(piece.metricId)}>
                {piece.text}
              </button>
            ) : (
              <mark key={index} className="fb-summary-gap" data-metric={piece.metricId}>
                {piece.text}
              </mark>
            ),
          )
        : source.replace(summaryTokenPattern(), (_match, id: string, kind?: string) => `〔${labelOf.get(id) ?? id}${kind ? `·${kind}` : ''}〕`)}
      {mayWrite && (
        <Button size="small" type="link" className="fb-summary-edit" onClick={onEdit}>
          编辑
        </Button>
      )}
    </p>
  );
};
