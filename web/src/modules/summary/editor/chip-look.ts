/** What a chip shows: the metric's Chinese label (and the form, if not the value) and its value now. */
import { summaryPlaceholders, tokenKey, tokenKindLabels } from '../../../../../common/documents/summary-source.js';
import type { MetricDefinitionView } from '../../../../../common/schemas/metrics.js';
import type { TokenValues } from '../../../../../common/schemas/summary.js';
import type { ChipLook, ChipPiece } from './source-dom.js';

/** The look of every chip, from the catalogue's labels and the values known so far. */
export const chipLook =
  (catalogue: readonly MetricDefinitionView[], values: TokenValues) =>
  (piece: ChipPiece): ChipLook => {
    if (piece.type === 'placeholder') {
      const placeholder = summaryPlaceholders.find((candidate) => candidate.name === piece.name)!;
      return { label: placeholder.label, value: '', tone: 'placeholder', title: `占位符 ${piece.raw}：${placeholder.hint}` };
    }
    if (piece.type === 'invalid') return { label: '无效', value: piece.raw, tone: 'invalid', title: `${piece.reason}。请删除后用“插入数字”重新选择` };
    const definition = catalogue.find((candidate) => candidate.id === piece.metricId);
    const value = values[tokenKey(piece.metricId, piece.kind)];
    if ((catalogue.length > 0 && !definition) || value?.type === 'unknown') {
      return { label: piece.metricId, value: '未知指标', tone: 'unknown', title: `没有编号为 ${piece.metricId} 的指标：请删除后用“插入数字”重新选择` };
    }
    const name = definition?.label ?? value?.label ?? piece.metricId;
    const label = piece.kind === '值' ? name : `${name}·${tokenKindLabels[piece.kind].label}`;
    if (!value) return { label, value: '…', tone: 'pending', title: `${label}：正在计算` };
    if (value.type === 'gap') return { label, value: '【待补充】', tone: 'gap', title: `${value.text}：没有数据，成稿中留待补充，不填 0` };
    if (value.type === 'empty') {
      const why = piece.kind === '分项' ? '（不足两项，不显示）' : '（上年无数据，不显示）';
      return { label, value: why, tone: 'empty', title: `${label}${why}` };
    }
    return { label, value: value.text, tone: 'number', title: `${label}：${value.text}。点击查看明细` };
  };
