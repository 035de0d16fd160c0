import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerOptions, maskPersonalNumbers } from './logger.js';

test('phone and ID numbers are masked in any text', () => {
  assert.equal(maskPersonalNumbers('市民 13812345678 来电'), '市民 138****5678 来电');
  assert.equal(maskPersonalNumbers('身份证 11010519491231002X'), '身份证 110***********002X');
  assert.equal(maskPersonalNumbers('工单号 2026112200001234567890'), '工单号 2026112200001234567890');
});

test('the logger writes no password, cookie or personal number', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const options = loggerOptions('info') as pino.LoggerOptions;
  const logger = pino(options, sink);
  logger.info({ body: { password: 'Gov#Office2026', phone: '13812345678' } }, '用户 13912345678 登录');
  logger.info({ req: { method: 'GET', url: '/api/users?q=13812345678', headers: { cookie: 'fuban_sid=secret' } } }, 'incoming');
  const output = lines.join('');
  assert.doesNotMatch(output, /Gov#Office2026|13812345678|13912345678|fuban_sid=secret|q=/);
  assert.match(output, /139\*\*\*\*5678/);
  assert.match(output, /"path":"\/api\/users"/);
});
