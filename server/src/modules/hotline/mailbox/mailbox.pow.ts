/**
 * The 市长信箱's proof-of-work instead of a third-party captcha: the server hands out a challenge signed
 * under the process's trail key (HMAC-SM3) with its expiry and difficulty, so it keeps no state for the
 * challenges it gives away; the browser searches a nonce with SHA-256 (crypto.subtle) until the digest of
 * `challenge:nonce` starts with `bits` zero bits — a second or two of a phone's time, a real cost for a
 * flood. A spent challenge is stored with its letter (unique), so it is refused a second time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sm3, trailMac } from '../../../platform/seal.js';

/** About 65,000 digests on average: a moment on a phone, 65,000 times the work of a plain POST. */
export const POW_BITS = 16;
export const POW_MINUTES = 10;

const macOf = (body: string) => trailMac(`mailbox-pow:${body}`);

export const issueChallenge = ({ now, bits = POW_BITS }: { now: Date; bits?: number }) => {
  const expiresAt = new Date(now.getTime() + POW_MINUTES * 60_000);
  const body = `${randomBytes(16).toString('base64url')}.${expiresAt.getTime()}.${bits}`;
  return { challenge: `${body}.${macOf(body)}`, bits, expiresAt: expiresAt.toISOString() };
};

/** How many leading zero bits a digest has. */
export const leadingZeroBits = (digest: Buffer): number => {
  let count = 0;
  for (const byte of digest) {
    if (byte === 0) {
      count += 8;
      continue;
    }
    return count + Math.clz32(byte) - 24;
  }
  return count;
};

export const powDigest = (challenge: string, nonce: string): Buffer => createHash('sha256').update(`${challenge}:${nonce}`, 'utf8').digest();

/**
 * Why a challenge and nonce are refused, or undefined when the work is done. The difficulty is read from
 * the signed challenge, never from the request, and must be at least the server's.
 */
export const checkProofOfWork = ({ challenge, nonce, now, minBits = POW_BITS }: { challenge: string; nonce: string; now: Date; minBits?: number }): string | undefined => {
  const parts = challenge.split('.');
  if (parts.length !== 4) return 'malformed';
  const [random, expires, bits, mac] = parts as [string, string, string, string];
  const expected = Buffer.from(macOf(`${random}.${expires}.${bits}`), 'utf8');
  const given = Buffer.from(mac, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'forged';
  if (Number(expires) <= now.getTime()) return 'expired';
  if (Number(bits) < minBits) return 'too easy';
  if (leadingZeroBits(powDigest(challenge, nonce)) < Number(bits)) return 'not solved';
  return undefined;
};

/** What the letter row keeps of the challenge it spent. */
export const challengeHashOf = (challenge: string) => sm3(`mailbox-challenge:${challenge}`);

/** The search the browser does, for tests and tools. */
export const solveChallenge = (challenge: string, bits: number): string => {
  for (let nonce = 0; ; nonce += 1) if (leadingZeroBits(powDigest(challenge, String(nonce))) >= bits) return String(nonce);
};
