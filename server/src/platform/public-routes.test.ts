/**
 * The paths open without signing in (/api/public/) take a few calls a minute per address, then a 429 in
 * Chinese; another address, a minute later, or any other path is not held back.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApp, type TestContext } from '../../test/test-app.js';

let t: TestContext;
before(async () => {
  t = await startTestApp({ config: { publicRequestsPerMinute: 3 } });
});
after(() => t.close());

const survey = (remoteAddress: string) => t.app.inject({ method: 'GET', url: '/api/public/proposal-survey/not-a-token', remoteAddress });

test('the public paths: three calls a minute from one address in all, the fourth a 429 on any of them; another address and other paths go on', async () => {
  for (let call = 1; call <= 3; call += 1) assert.equal((await survey('203.0.113.7')).statusCode, 404, `call ${call}`);
  const refused = await survey('203.0.113.7');
  assert.equal(refused.statusCode, 429);
  assert.equal(refused.json().message, '请求过于频繁，请稍后再试');
  // One allowance for all the public paths: the 市长信箱's challenge is held back too.
  assert.equal((await t.app.inject({ method: 'GET', url: '/api/public/mailbox/challenge', remoteAddress: '203.0.113.7' })).statusCode, 429);
  assert.equal((await survey('198.51.100.20')).statusCode, 404, 'another address');
  for (let call = 1; call <= 5; call += 1) assert.equal((await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '203.0.113.7' })).statusCode, 200);
});
