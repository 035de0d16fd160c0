/**
 * Where the trail key comes from, and making sure a database is only ever sealed with one key.
 * The key MACs every 留痕 event and audit row (platform/seal.ts); it must not live in the database,
 * or whoever can rewrite the rows could recompute the MACs too.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './db.js';
import { trailKeyCheck, useTrailKey } from './seal.js';

export const TRAIL_KEY_FILE = 'trail.key';
const MIN_KEY_CHARS = 32;

export class TrailKeyError extends Error {}

/**
 * FUBAN_TRAIL_KEY when set (several servers on one PostgreSQL, or a key kept outside the data directory);
 * otherwise `<data dir>/trail.key`, made with 32 random bytes and mode 0600 on the first start.
 * `isNew` says the key did not exist before this start: nothing can have been sealed with it.
 */
export const loadTrailKey = ({ envKey, dataDir }: { envKey: string | undefined; dataDir: string }): { isNew: boolean; source: string } => {
  if (envKey !== undefined) {
    if (envKey.trim().length < MIN_KEY_CHARS) throw new TrailKeyError(`FUBAN_TRAIL_KEY 太短：至少 ${MIN_KEY_CHARS} 个字符（可用 openssl rand -hex 32 生成）`);
    useTrailKey(Buffer.from(envKey.trim(), 'utf8'));
    return { isNew: false, source: 'FUBAN_TRAIL_KEY' };
  }
  const file = path.join(dataDir, TRAIL_KEY_FILE);
  let isNew = false;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      // 'wx': of two processes starting at once, one writes the key and the other reads it.
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
      isNew = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (text.length < MIN_KEY_CHARS) throw new TrailKeyError(`留痕密钥文件 ${file} 内容无效（至少 ${MIN_KEY_CHARS} 个字符）`);
  useTrailKey(Buffer.from(text, 'utf8'));
  return { isNew, source: file };
};

/**
 * Records which key seals this database (an HMAC of a fixed text, which tells nothing of the key) and
 * refuses a process started with another one: its records would all read as forged, and its own would
 * not verify under the first key.
 */
export const bindTrailKey = async ({ db, source }: { db: Db; source: string }): Promise<void> => {
  const check = trailKeyCheck();
  const claimed = rowsOf(await db.execute(sql`update trail_seal set key_check = ${check} where id = 1 and key_check is null returning id`));
  if (claimed.length > 0) return;
  const [row] = rowsOf<{ key_check: string | null }>(await db.execute(sql`select key_check from trail_seal where id = 1`));
  if (!row) throw new Error('trail_seal row missing (migration 0011)');
  if (row.key_check !== check) {
    throw new TrailKeyError(`留痕密钥（${source}）与封印本数据库所用的密钥不符，拒绝启动：请使用原密钥（原数据目录中的 ${TRAIL_KEY_FILE} 或原 FUBAN_TRAIL_KEY）。`);
  }
};
