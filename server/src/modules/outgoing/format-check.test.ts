import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkOutgoingFormat } from './format-check.js';
import type { OutgoingCaseFields } from './outgoing.flow.js';
import { matchOrgan, unitForRecipient } from './organ-match.js';

const units = [
  { id: 'u-zjj', name: '示例市住房和城乡建设局', shortName: '市住建局' },
  { id: 'u-czj', name: '示例市财政局', shortName: '市财政局' },
  { id: 'u-jyj', name: '示例市教育局', shortName: '市教育局' },
];
const government = { code: '示政发', issuerName: '示例市人民政府文件', organName: '示例市人民政府' };

const notice = (overrides: Partial<OutgoingCaseFields> = {}) =>
  ({
    issuerCode: '示政发',
    docType: '通知',
    direction: '下行文',
    title: '示例市人民政府关于做好冬季安全生产工作的通知',
    mainTo: [{ name: '示例市住房和城乡建设局', unitId: 'u-zjj' }],
    copyTo: [],
    body: [{ level: 0, text: '现将有关事项通知如下。' }],
    attachmentNotes: [],
    attachments: [],
    jointIssuers: [],
    disclosure: '主动公开',
    ...overrides,
  }) as unknown as OutgoingCaseFields;

describe('format check', () => {
  test('a 市政府 代字 over a title of the 办公室 is an error; the title without an organ or with the right one passes', () => {
    const wrong = checkOutgoingFormat({ fields: notice({ title: '示例市人民政府办公室关于做好冬季安全生产工作的通知' }), issuer: government, units });
    assert.ok(wrong.errors.some((e) => e.code === 'issuer_organ' && e.message.includes('示例市人民政府办公室') && e.message.includes('示政发')));
    assert.equal(wrong.checks.find((c) => c.code === 'issuer_organ')?.result, 'error');
    for (const title of ['示例市人民政府关于做好冬季安全生产工作的通知', '关于做好冬季安全生产工作的通知']) {
      const check = checkOutgoingFormat({ fields: notice({ title }), issuer: government, units });
      assert.deepEqual(check.errors, []);
      assert.equal(check.checks.find((c) => c.code === 'issuer_organ')?.result, 'passed');
    }
  });

  test('a typed organ: an exact name or 简称 is the unit; 「市住建」 is a near miss naming 市住建局; an organ outside Fuban passes', () => {
    assert.equal(matchOrgan('市住建局', units).exact?.id, 'u-zjj');
    assert.equal(matchOrgan('示例市财政局', units).exact?.id, 'u-czj');
    assert.deepEqual(matchOrgan('市住建', units).suggestions.map((u) => u.id), ['u-zjj']);
    assert.deepEqual(matchOrgan('住房和城乡建设局', units).suggestions.map((u) => u.id), ['u-zjj']);
    assert.deepEqual(matchOrgan('市财正局', units).suggestions.map((u) => u.id), ['u-czj']); // a typo
    assert.deepEqual(matchOrgan('省人民政府', units), { suggestions: [] });
    assert.equal(unitForRecipient('市住建', units)?.id, 'u-zjj');

    const check = checkOutgoingFormat({ fields: notice({ mainTo: [{ name: '市住建' }, { name: '省人民政府' }, { name: '市财政局' }] }), issuer: government, units });
    const warning = check.warnings.find((w) => w.code === 'recipient');
    assert.ok(warning && warning.message.includes('示例市住房和城乡建设局'), JSON.stringify(check.warnings));
    assert.equal(check.warnings.filter((w) => w.code === 'recipient').length, 1);
    assert.equal(check.checks.find((c) => c.code === 'recipients')?.result, 'warn');
  });

  test('the list names every rule applied with its result', () => {
    const check = checkOutgoingFormat({ fields: notice(), issuer: government, units, today: '2026-11-02' });
    assert.deepEqual(check.errors, []);
    assert.ok(check.checks.length >= 8);
    assert.ok(check.checks.every((c) => c.result === 'passed' && c.label.length > 0));
    // Rules that need the 代字 or the units are not listed without them (the 签发 button's quick guard).
    assert.ok(!checkOutgoingFormat({ fields: notice() }).checks.some((c) => c.code === 'issuer_organ' || c.code === 'recipients'));
  });
});
