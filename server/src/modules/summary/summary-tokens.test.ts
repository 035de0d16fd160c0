import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findSourceProblems, splitSource } from '../../../../common/documents/summary-source.js';
import { changePhrase, parseTokens, partsPhrase, resolveText, type TokenMetric } from './summary-tokens.js';

const metric = (over: Partial<TokenMetric>): TokenMetric => ({
  label: '收文件数',
  unit: '件',
  origin: 'computed',
  value: 120,
  parts: {},
  previous: { value: 100, hasData: true },
  change: { absolute: 20, percent: 20 },
  ...over,
});

describe('summary tokens', () => {
  test('a rate changes in 个百分点, a count in %, or in its unit when last year was 0; equal is 持平; no data is silent', () => {
    assert.equal(changePhrase(metric({ unit: '%', value: 98.5, previous: { value: 96.4, hasData: true }, change: { absolute: 2.1, percent: 2.2 } })), '，同比提高2.1个百分点');
    assert.equal(changePhrase(metric({ change: { absolute: -30, percent: -12.5 } })), '，同比下降12.5%');
    assert.equal(changePhrase(metric({ previous: { value: 0, hasData: true }, change: { absolute: 4, percent: null } })), '，同比增加4件');
    assert.equal(changePhrase(metric({ change: { absolute: 0, percent: 0 } })), '，与上年同期持平');
    assert.equal(changePhrase(metric({ previous: { value: null, hasData: false }, change: { absolute: null, percent: null } })), '');
  });

  test('parts: the largest first, at most five, in parentheses; one part says nothing', () => {
    const parts = { 通知: 40, 请示: 12, 函: 30, 报告: 8, 纪要: 5, 批复: 2 };
    assert.equal(partsPhrase(metric({ parts })), '（其中通知40件、函30件、请示12件、报告8件、纪要5件等）');
    assert.equal(partsPhrase(metric({ parts: { 通知: 3 } })), '');
  });

  test('a paragraph: numbers bound to their metrics, a gap for a metric without value, unknown kinds left as text', () => {
    const metrics = new Map([['incoming.received', metric({})], ['vehicles.km', metric({ label: '公务车辆安全行驶里程', unit: '公里', origin: 'notConnected', value: null })]]);
    const pieces = resolveText('收文{{incoming.received}}{{incoming.received|同比}}，行驶{{vehicles.km}}{{vehicles.km|同比}}。{{incoming.received|怪}}', metrics);
    assert.deepEqual(pieces.map((piece) => [piece.type, piece.text]), [
      ['text', '收文'],
      ['number', '120件'],
      ['number', '，同比增长20%'],
      ['text', '，行驶'],
      ['gap', '【待补充：公务车辆安全行驶里程（未接入）】'],
      ['text', '。{{incoming.received|怪}}'],
    ]);
    assert.equal(parseTokens('{{ incoming.received | 数 }}').length, 1);
  });

  test('the editor’s reading of a text: tokens, placeholders only in a template, and what is neither flagged with where it is', () => {
    assert.deepEqual(splitSource('{年度}收文{{ incoming.received | 同比 }}，{单位}{{x}}', { placeholders: true }), [
      { type: 'placeholder', raw: '{年度}', name: '年度' },
      { type: 'text', text: '收文' },
      { type: 'token', raw: '{{ incoming.received | 同比 }}', metricId: 'incoming.received', kind: '同比' },
      { type: 'text', text: '，' },
      { type: 'invalid', raw: '{单位}', reason: '“{单位}”不是可用的占位符（可用：{机关}{上级}{年度}{下年}{期间}{信箱}）' },
      { type: 'invalid', raw: '{{x}}', reason: '“{{x}}”不是正确的数字写法' },
    ]);
    // In a draft the placeholders were filled long ago: braces are words.
    assert.deepEqual(splitSource('{年度}收文{{incoming.received}}', { placeholders: false }).map((piece) => piece.type), ['text', 'token']);
    const problems = findSourceProblems(
      { title: '{机关}简报', sections: [{ heading: '', paragraphs: ['{{incoming.received|数}}'] }, { heading: '{{no.such}}', paragraphs: ['ok', '{{incoming.received|环比}}'] }] },
      { placeholders: true, isKnownMetric: (id) => id === 'incoming.received' },
    );
    assert.deepEqual(problems.map((problem) => [problem.place, problem.raw]), [['第2部分标题', '{{no.such}}'], ['第2部分第2段', '{{incoming.received|环比}}']]);
  });
});
