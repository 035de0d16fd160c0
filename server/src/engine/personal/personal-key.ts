/**
 * Where the personal-data key comes from, and making sure a database is only ever read and written with
 * one key. Like the trail key it must not live in the database: a dump or a copy of the database alone
 * must not give the citizens' numbers back.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../platform/db.js';
import { personalKeyCheck, usePersonalKey } from './cipher.js';

export const PERSONAL_KEY_FILE = 'pii.key';
const MIN_KEY_CHARS = 32;

export class PersonalKeyError extends Error {}

/**
 * FUBAN_PII_KEY when set (several servers on one PostgreSQL, or a key kept outside the data directory);
 * otherwise `<data dir>/pii.key`, made with 32 random bytes and mode 0600 on the first start.
 */
export const loadPersonalKey = ({ envKey, dataDir }: { envKey: string | undefined; dataDir: string }): { source: string } => {
  if (envKey !== undefined) {
    if (envKey.trim().length < MIN_KEY_CHARS) throw new PersonalKeyError(`FUBAN_PII_KEY 太短：至少 ${MIN_KEY_CHARS} 个字符（可用 openssl rand -hex 32 生成）`);
    usePersonalKey(Buffer.from(envKey.trim(), 'utf8'));
    return { source: 'FUBAN_PII_KEY' };
  }
  const file = path.join(dataDir, PERSONAL_KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': of two processes starting at once, one writes the key and the other reads it.
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < MIN_KEY_CHARS) throw new PersonalKeyError(`个人信息密钥文件 ${file} 内容无效（至少 ${MIN_KEY_CHARS} 个字符）`);
  usePersonalKey(Buffer.from(text, 'utf8'));
  return { source: file };
};

/**
 * Records which key encrypts this database (an HMAC of a fixed text, which tells nothing of the key) and
 * refuses a process started with another one: it could not read what is stored, and what it wrote
 * could not be read with the first key, nor found by the blind index.
 */
export const bindPersonalKey = async ({ db, source }: { db: Db; source: string }): Promise<void> => {
  const check = personalKeyCheck();
  const claimed = rowsOf(await db.execute(sql`update personal_key set key_check = ${check} where id = 1 and key_check is null returning id`));
  if (claimed.length > 0) return;
  const [row] = rowsOf<{ key_check: string | null }>(await db.execute(sql`select key_check from personal_key where id = 1`));
  if (!row) throw new Error('personal_key row missing (migration 0018)');
  if (row.key_check !== check) {
    throw new PersonalKeyError(`个人信息密钥（${source}）与加密本数据库所用的密钥不符，拒绝启动：请使用原密钥（原数据目录中的 ${PERSONAL_KEY_FILE} 或原 FUBAN_PII_KEY）。`);
  }
};
