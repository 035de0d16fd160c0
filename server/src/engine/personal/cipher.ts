/**
 * Field encryption under the process's personal-data key: SM4-CBC with a random IV, then HMAC-SM3 over
 * the IV, the ciphertext and where the value belongs (case and field), so a value cannot be altered or
 * moved to another case unnoticed (Node's OpenSSL has no sm4-gcm). Blind index: HMAC-SM3 of the
 * normalised value under a third key derived from the same secret.
 */
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import { hmacSm3, type Hmac } from '../../platform/seal.js';
import { normalisePersonal, type PersonalType } from './mask.js';

const VERSION = 'sm4cbc1';
/** Text MACed to tell whether a database was written with this key, revealing nothing of it. */
const KEY_CHECK_MESSAGE = 'fuban personal key check v1';

type Keys = { encryption: Buffer; mac: Hmac; index: Hmac; check: string };
let current: Keys | undefined;

/** Makes `secret` the process's personal-data key (start-up, the CLI, each test database). */
export const usePersonalKey = (secret: Buffer): void => {
  const derive = hmacSm3(secret);
  const bytes = (label: string) => Buffer.from(derive(label), 'hex');
  const mac = hmacSm3(bytes('fuban pii mac v1'));
  current = {
    encryption: bytes('fuban pii sm4 v1').subarray(0, 16), // SM4 keys are 128 bits
    mac,
    index: hmacSm3(bytes('fuban pii index v1')),
    check: mac(KEY_CHECK_MESSAGE),
  };
};

const keys = (): Keys => {
  if (!current) throw new Error('个人信息密钥未加载（usePersonalKey 未调用）');
  return current;
};

/** A value that names the key in use: stored in the database to refuse a process started with another key. */
export const personalKeyCheck = (): string => keys().check;

/** Where a sealed value belongs; it is part of what the MAC covers. */
export type SealContext = { caseId: string; field: string };

const macOf = (context: SealContext, iv: string, body: string) => keys().mac(`${VERSION}\n${context.caseId}\n${context.field}\n${iv}\n${body}`);

/** `sm4cbc1.<iv>.<ciphertext>.<mac>`: the only form a personal value is stored in. */
export const sealPersonal = (context: SealContext, clear: string): string => {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-cbc', keys().encryption, iv);
  const body = Buffer.concat([cipher.update(clear, 'utf8'), cipher.final()]).toString('base64url');
  const ivText = iv.toString('base64url');
  return `${VERSION}.${ivText}.${body}.${macOf(context, ivText, body)}`;
};

export class SealBrokenError extends Error {}

/** The clear value of a sealed one; refuses (SealBrokenError) a value altered, moved or sealed under another key. */
export const openPersonal = (context: SealContext, sealed: string): string => {
  const [version, ivText, body, mac] = sealed.split('.');
  if (version !== VERSION || !ivText || !body || !mac) throw new SealBrokenError('个人信息密文格式不正确');
  const expected = Buffer.from(macOf(context, ivText, body), 'hex');
  const given = Buffer.from(mac, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new SealBrokenError('个人信息密文校验失败（被改动，或不是用本密钥加密的）');
  const decipher = createDecipheriv('sm4-cbc', keys().encryption, Buffer.from(ivText, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
};

/** The blind index of a value: equal for equal normalised values, useless without the key. */
export const blindIndex = (type: PersonalType, value: string): string => keys().index(`${type}\n${normalisePersonal(type, value)}`);
