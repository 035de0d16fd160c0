import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendPhrase } from './opinion-text.js';

test('a phrase goes alone into an empty box, with no separator before it', () => {
  assert.equal(appendPhrase('', '拟呈领导阅示。'), '拟呈领导阅示。');
  assert.equal(appendPhrase('  \n', '同意。'), '同意。');
});

test('after a sentence or a clause mark the phrase follows directly; otherwise after a 「，」', () => {
  assert.equal(appendPhrase('拟呈领导阅示。', '拟交有关单位研究办理。'), '拟呈领导阅示。拟交有关单位研究办理。');
  assert.equal(appendPhrase('原则同意，建议：', '同意。'), '原则同意，建议：同意。');
  assert.equal(appendPhrase('同意拟办意见', '请教育局做好配合'), '同意拟办意见，请教育局做好配合');
  assert.equal(appendPhrase('同意拟办意见 ', '请教育局做好配合。'), '同意拟办意见，请教育局做好配合。');
});

test('no doubled mark: a phrase that opens with one loses it after a text that ends with one', () => {
  assert.equal(appendPhrase('同意。', '。请抓好落实'), '同意。请抓好落实');
  assert.equal(appendPhrase('同意', '。请抓好落实'), '同意。请抓好落实');
});

test('tapping the phrase the text already ends with changes nothing', () => {
  assert.equal(appendPhrase('拟呈领导阅示。同意。', '同意。'), '拟呈领导阅示。同意。');
  assert.equal(appendPhrase('同意', '  '), '同意');
});
