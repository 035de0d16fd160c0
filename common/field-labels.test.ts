import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import { issuesMessage, labelIssues, labelOfPath } from './field-labels.js';
import './zod-messages.js';

test('a path is named by its labels, never by its keys', () => {
  assert.equal(labelOfPath(['fields', 'docNumber']), '文号');
  assert.equal(labelOfPath(['fields', 'docNumber'], { docNumber: '来文字号' }), '来文字号');
  assert.equal(labelOfPath(['mainTo', 1, 'name']), '主送机关第 2 项名称');
  assert.equal(labelOfPath(['fields']), '内容');
  // Nothing known: no label at all, rather than the key.
  assert.equal(labelOfPath(['fields', 'someInternalKey']), '内容');
  assert.equal(labelOfPath(['someInternalKey', 0]), undefined);
  assert.equal(labelOfPath([]), undefined);
  // An inherited property is not a label.
  assert.equal(labelOfPath(['constructor']), undefined);
});

test('the message reads 「label」problem, keeps the path in details only', () => {
  const schema = z.object({ fields: z.object({ docNo: z.string().max(5), title: z.string().min(1, '请填写标题') }) });
  const parsed = schema.safeParse({ fields: { docNo: 'x'.repeat(6), title: '' } });
  assert.equal(parsed.success, false);
  const fields = labelIssues(parsed.error!.issues);
  assert.deepEqual(fields, [
    { path: 'fields.docNo', label: '文号', message: '不能超过 5 个字' },
    { path: 'fields.title', label: '标题', message: '请填写标题' },
  ]);
  const message = issuesMessage(fields);
  assert.equal(message, '输入有误：「文号」不能超过 5 个字；请填写标题');
  assert.doesNotMatch(message, /fields|docNo|\./);
});

test('many problems: the first three, the rest counted', () => {
  const fields = ['a', 'b', 'c', 'd'].map((key, index) => ({ path: key, label: `第${index}栏`, message: '不能为空' }));
  assert.equal(issuesMessage(fields), '输入有误：「第0栏」不能为空；「第1栏」不能为空；「第2栏」不能为空等 4 处');
  assert.equal(issuesMessage([]), '输入有误');
});

test('what a schema does not word itself is worded in Chinese, naming no field', () => {
  const messages = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error!.issues.map((issue) => issue.message);
  assert.deepEqual(messages(z.object({ a: z.string() }), {}), ['必须填写']);
  assert.deepEqual(messages(z.number(), 'x'), ['格式不正确']);
  assert.deepEqual(messages(z.string().min(1), ''), ['不能为空']);
  assert.deepEqual(messages(z.string().max(3), 'abcd'), ['不能超过 3 个字']);
  assert.deepEqual(messages(z.array(z.string()).min(1), []), ['至少选择一项']);
  assert.deepEqual(messages(z.number().max(9), 10), ['不能大于 9']);
  assert.deepEqual(messages(z.enum(['a', 'b']), 'c'), ['不是可选的值']);
  assert.deepEqual(messages(z.strictObject({}), { extra: 1 }), ['含有不接受的输入项']);
  assert.deepEqual(messages(z.string().uuid(), 'x'), ['格式不正确']);
  // A schema's own message still wins.
  assert.deepEqual(messages(z.string().min(1, '请填写标题'), ''), ['请填写标题']);
});
