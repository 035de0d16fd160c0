/**
 * The two halves of the proof-of-work agree: the browser's search (web/…/mailbox/pow.ts, with crypto.subtle
 * and with its JavaScript SHA-256 for pages without it) finds nonces the server accepts; the server refuses
 * a forged, stale, too easy or unsolved challenge.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { sha256, solveChallenge as solveInBrowser } from '../../../../../web/src/modules/hotline/mailbox/pow.js';
import { useTrailKey } from '../../../platform/seal.js';
import { checkProofOfWork, issueChallenge, leadingZeroBits, POW_BITS } from './mailbox.pow.js';

useTrailKey(Buffer.alloc(32, 7));
const now = new Date('2026-05-11T02:00:00Z');

test('the JavaScript SHA-256 matches node:crypto, across block boundaries', () => {
  for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), '市长信箱:123456', 'x'.repeat(1000)]) {
    const bytes = new TextEncoder().encode(text);
    assert.equal(Buffer.from(sha256(bytes)).toString('hex'), createHash('sha256').update(bytes).digest('hex'), `length ${bytes.length}`);
  }
});

test('leading zero bits are counted bit by bit', () => {
  assert.equal(leadingZeroBits(Buffer.from([0x00, 0x00, 0x80])), 16);
  assert.equal(leadingZeroBits(Buffer.from([0x00, 0x01])), 15);
  assert.equal(leadingZeroBits(Buffer.from([0xff])), 0);
});

test('the browser’s nonce is accepted; forged, stale, easier or unsolved challenges are not', async () => {
  const issued = issueChallenge({ now });
  assert.equal(issued.bits, POW_BITS);
  const nonce = await solveInBrowser(issued.challenge, issued.bits);
  assert.equal(checkProofOfWork({ challenge: issued.challenge, nonce, now }), undefined);
  assert.equal(checkProofOfWork({ challenge: issued.challenge, nonce, now: new Date(now.getTime() + 11 * 60_000) }), 'expired');
  const [random, expires, bits, mac] = issued.challenge.split('.') as [string, string, string, string];
  assert.equal(checkProofOfWork({ challenge: `${random}.${Number(expires) + 1}.${bits}.${mac}`, nonce, now }), 'forged');
  const easy = issueChallenge({ now, bits: 4 });
  assert.equal(checkProofOfWork({ challenge: easy.challenge, nonce: await solveInBrowser(easy.challenge, 4), now }), 'too easy');
  let wrong = 0;
  while (leadingZeroBits(createHash('sha256').update(`${issued.challenge}:${wrong}`).digest()) >= issued.bits) wrong += 1;
  assert.equal(checkProofOfWork({ challenge: issued.challenge, nonce: String(wrong), now }), 'not solved');
});

test('without crypto.subtle the JavaScript SHA-256 finds a nonce the server accepts', async () => {
  const subtle = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
  try {
    const issued = issueChallenge({ now });
    const nonce = await solveInBrowser(issued.challenge, issued.bits);
    assert.equal(checkProofOfWork({ challenge: issued.challenge, nonce, now }), undefined);
  } finally {
    if (subtle) Object.defineProperty(globalThis, 'crypto', subtle);
  }
});
