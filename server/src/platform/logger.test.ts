import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loggerOptions } from './logger.js';

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
  logger.info({ body: { content: '来电人身份证11010519491231002X，邮箱 zhang.san@example.com' } }, 'ticket');
  logger.info({ req: { method: 'GET', url: '/api/users?q=13812345678', headers: { cookie: 'fuban_sid=secret' } } }, 'incoming');
  const output = lines.join('');
  assert.doesNotMatch(output, /Gov#Office2026|13812345678|13912345678|11010519491231002X|zhang\.san|fuban_sid=secret|q=/);
  assert.match(output, /139\*\*\*\*5678/);
  assert.match(output, /"path":"\/api\/users"/);
});
