/** Password hashing (scrypt from node:crypto) and the password policy rules. */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { SecurityPolicy } from '../../../common/schemas/security.js';
import { commonPasswords } from './common-passwords.js';

const KEY_LENGTH = 32;
const COST = 16_384; // N: 16 MiB of memory and ~50 ms per hash on this machine class
const BLOCK_SIZE = 8;
const PARALLELISM = 1;

const derive = (password: string, salt: Buffer, cost: number, blockSize: number, parallelism: number) =>
  new Promise<Buffer>((resolve, reject) => {
    scrypt(
      password.normalize('NFKC'),
      salt,
      KEY_LENGTH,
      { N: cost, r: blockSize, p: parallelism, maxmem: 256 * cost * blockSize },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });

/** `scrypt$N$r$p$salt$hash`, base64url parts: parameters travel with the hash so they can be raised later. */
export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt, COST, BLOCK_SIZE, PARALLELISM);
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, cost, blockSize, parallelism, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(cost), Number(blockSize), Number(parallelism));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/** A hash of a random password: verifying against it costs as much as a real one, so unknown usernames take as long. */
let decoyHash: Promise<string> | undefined;
export const decoyPasswordHash = (): Promise<string> => (decoyHash ??= hashPassword(randomBytes(12).toString('hex')));

const characterClasses = (password: string): number =>
  [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;

/** Every rule the password breaks, in Chinese; empty when it is acceptable. */
export const checkPasswordPolicy = (
  password: string,
  policy: SecurityPolicy,
  context: { username?: string } = {},
): string[] => {
  const problems: string[] = [];
  if (password.length < policy.minLength) problems.push(`密码长度不得少于 ${policy.minLength} 位`);
  if (password.length > 128) problems.push('密码长度不得超过 128 位');
  if (characterClasses(password) < policy.requireCharClasses) {
    problems.push(`密码须包含大写字母、小写字母、数字、符号中的至少 ${policy.requireCharClasses} 类`);
  }
  const lower = password.toLowerCase();
  if (policy.rejectCommonPasswords && (commonPasswords.has(lower) || isTrivialPattern(lower))) {
    problems.push('密码过于常见，容易被猜中，请换一个');
  }
  if (context.username && context.username.length >= 3 && lower.includes(context.username.toLowerCase())) {
    problems.push('密码不得包含用户名');
  }
  return problems;
};

/** Keyboard walks and repeats that pass the class rule but are still guessed first (e.g. "Aa123456!"). */
const isTrivialPattern = (lower: string): boolean => {
  const core = lower.replace(/[^a-z0-9]/g, '');
  if (core.length > 0 && new Set(core).size <= 2) return true;
  return commonPasswords.has(core) || commonPasswords.has(lower.replace(/[^a-z0-9]+$/g, ''));
};
