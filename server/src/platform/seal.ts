/**
 * The primitives every tamper-evident record uses: SM3, HMAC-SM3 (RFC 2104 over SM3, GM/T 0042-2015),
 * canonical JSON, and the process's trail key. A plain SM3 chain can be recomputed by anyone who can
 * write the database; a MAC under a key the database does not hold cannot.
 */
import { createHash, type Hash } from 'node:crypto';

/** JSON with object keys sorted at every depth: the same content always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
};

/** What a jsonb column gives back for a value (Dates become strings, undefined members go): hash this, not the original. */
export const asStoredJson = <T>(value: T): T => (value === null || value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

export const sm3 = (text: string): string => createHash('sm3').update(text, 'utf8').digest('hex');

const BLOCK_BYTES = 64; // SM3's block size: the B of RFC 2104

/** HMAC-SM3 keyed once: the padded inner and outer states are hashed once and copied for each message. */
export type Hmac = (message: string | Buffer) => string;

export const hmacSm3 = (key: Buffer): Hmac => {
  const shortKey = key.length > BLOCK_BYTES ? createHash('sm3').update(key).digest() : key;
  const padded = Buffer.alloc(BLOCK_BYTES);
  shortKey.copy(padded);
  const xorWith = (byte: number) => Buffer.from(padded.map((value) => value ^ byte));
  const inner: Hash = createHash('sm3').update(xorWith(0x36));
  const outer: Hash = createHash('sm3').update(xorWith(0x5c));
  return (message) => {
    const innerDigest = inner.copy().update(typeof message === 'string' ? Buffer.from(message, 'utf8') : message).digest();
    return outer.copy().update(innerDigest).digest('hex');
  };
};

let current: { mac: Hmac; check: string } | undefined;

/** Text MACed to tell whether a database was sealed with this key, without revealing anything of the key. */
const KEY_CHECK_MESSAGE = 'fuban trail key check v1';

/** Makes `key` the process's trail key (start-up, the CLI, each test database). */
export const useTrailKey = (key: Buffer): void => {
  const mac = hmacSm3(key);
  current = { mac, check: mac(KEY_CHECK_MESSAGE) };
};

const loaded = () => {
  if (!current) throw new Error('留痕密钥未加载（useTrailKey 未调用）');
  return current;
};

/** The MAC of `message` under the process's trail key. */
export const trailMac = (message: string): string => loaded().mac(message);

/** A value that names the key in use: stored in the database to refuse a process started with another key. */
export const trailKeyCheck = (): string => loaded().check;
