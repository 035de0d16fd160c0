/** 议定事项 belong to a 纪要, name a 牵头单位 once, and carry a real date. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OutgoingFields } from './outgoing.js';

const lead = '00000000-0000-4000-8000-000000000001';
const helper = '00000000-0000-4000-8000-000000000002';
const minutes = (overrides: Record<string, unknown> = {}) => ({
  issuerCode: '示政纪要',
  docType: '纪要',
  direction: '下行文',
  title: '市政府第十二次常务会议纪要',
  body: [{ level: 0, text: '会议研究了冬季供暖保障工作。' }],
  decisions: [{ text: '市住建局牵头制定供暖保障方案', leadUnitId: lead, helperUnitIds: [helper], deadline: '2026-12-15' }],
  ...overrides,
});
const messages = (input: unknown) => {
  const parsed = OutgoingFields.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('纪要的议定事项', () => {
  test('a 纪要 keeps its decisions; other 文种 default to none', () => {
    const parsed = OutgoingFields.parse(minutes());
    assert.equal(parsed.decisions.length, 1);
    assert.deepEqual(parsed.decisions[0]!.helperUnitIds, [helper]);
    assert.deepEqual(OutgoingFields.parse(minutes({ docType: '通知', title: '关于供暖的通知', decisions: undefined })).decisions, []);
  });
  test('decisions on a 通知, the lead unit again among the helpers, a date that does not exist, no lead unit', () => {
    assert.deepEqual(messages(minutes({ docType: '通知', title: '关于供暖的通知' })), ['decisions: 只有纪要可以列出议定事项']);
    assert.deepEqual(messages(minutes({ decisions: [{ text: '制定方案并报送', leadUnitId: lead, helperUnitIds: [lead], deadline: '2026-12-15' }] })), ['decisions.0.helperUnitIds: 牵头单位不必再列为责任单位']);
    assert.equal(messages(minutes({ decisions: [{ text: '制定方案并报送', leadUnitId: lead, deadline: '2026-02-30' }] })).length, 1);
    assert.match(messages(minutes({ decisions: [{ text: '制定方案并报送', deadline: '2026-12-15' }] }))[0]!, /decisions\.0\.leadUnitId/);
  });
});
