import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasMaskedNumbers, maskPersonalNumbers, phoneDigits } from './personal-numbers.js';

test('mobile numbers are masked however they are grouped, with or without +86', () => {
  assert.equal(maskPersonalNumbers('市民 13812345678 来电'), '市民 138****5678 来电');
  assert.equal(maskPersonalNumbers('来电人电话138-1234-5678，'), '来电人电话138****5678，');
  assert.equal(maskPersonalNumbers('电话：138 1234 5678。'), '电话：138****5678。');
  assert.equal(maskPersonalNumbers('+86 139-1234-5678'), '139****5678');
  assert.equal(maskPersonalNumbers('联系8613912345678'), '联系139****5678');
});

test('landlines with an area code, 身份证 numbers and e-mail addresses are masked', () => {
  assert.equal(maskPersonalNumbers('物业电话0315-1234567转'), '物业电话031****4567转');
  assert.equal(maskPersonalNumbers('(010)62345678'), '010****5678');
  assert.equal(maskPersonalNumbers('身份证110101199003071234，'), '身份证1101**********1234，');
  assert.equal(maskPersonalNumbers('身份证 11010519491231002x'), '身份证 1101**********002x');
  // The 15-digit first-generation card: a two-digit year.
  assert.equal(maskPersonalNumbers('老身份证号110105491231002。'), '老身份证号1101*******1002。');
  assert.equal(maskPersonalNumbers('证件 130203570812151 来电'), '证件 1302*******2151 来电');
  assert.equal(maskPersonalNumbers('回复到 zhang.san@example.com 即可'), '回复到 z***@example.com 即可');
});

test('numbers that are not a person\'s are left alone', () => {
  for (const text of [
    '工单号 2026112200001234567890', // a run longer than any number: not its middle either
    '2026年3月7日 13:45 来电',
    '12号楼1单元1101室',
    '金额 12345678901 元以内', // 11 digits, but no mobile starts with 12
    '文号 示政发〔2026〕12号',
    '身份证号 110101199013071234', // month 13: no birth date, not an ID number
    '编号 110105491331002', // 15 digits, but month 13: not a first-generation card either
    '编码 012345491231002', // 15 digits starting with 0 (no place code does)
    '流水 1101054912310021', // 16 digits: neither card
    '订单 1234567890123456789',
  ]) {
    assert.equal(maskPersonalNumbers(text), text, text);
  }
});

test('masking is idempotent and its result is recognised as masked', () => {
  const text = '来电人电话13812345678，身份证110101199003071234，邮箱 a.b@qq.com，座机0315-1234567';
  const masked = maskPersonalNumbers(text);
  assert.equal(masked, '来电人电话138****5678，身份证1101**********1234，邮箱 a***@qq.com，座机031****4567');
  assert.equal(maskPersonalNumbers(masked), masked);
  assert.ok(hasMaskedNumbers(masked));
  assert.ok(!hasMaskedNumbers('路灯不亮 * 已报修 12 次'));
});

test('a phone number\'s digits drop the country code', () => {
  assert.equal(phoneDigits('+86 139-1234-5678'), '13912345678');
  assert.equal(phoneDigits('0086 13912345678'), '13912345678');
  assert.equal(phoneDigits('0315-1234567'), '03151234567');
});
