/**
 * A fresh, migrated database for one test file: PGlite by default (copied from a
 * template built once per migration set), a new database on the PostgreSQL server
 * named by TEST_DATABASE_URL otherwise. Each is dropped when the file ends.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrationsFolder, openDatabase, type Database, type QueryObserver } from '../src/platform/db.js';
import { ensureSecurityPolicy } from '../src/modules/security/security.service.js';
import { useTrailKey } from '../src/platform/seal.js';
import { usePersonalKey } from '../src/engine/personal/cipher.js';

/** The trail key every test database is sealed with (the server reads its own from FUBAN_TRAIL_KEY or trail.key). */
export const TEST_TRAIL_KEY = Buffer.from('fuban-test-trail-key-0123456789abcdef', 'utf8');

/** The personal-data key every test database is written with (the server reads its own from FUBAN_PII_KEY or pii.key). */
export const TEST_PERSONAL_KEY = Buffer.from('fuban-test-pii-key-0123456789abcdef', 'utf8');

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;

const migrationsHash = (): string => {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const full = path.join(migrationsFolder, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return hash.digest('hex').slice(0, 16);
};

const cacheDir = path.resolve('.cache');

/** initdb in WASM takes seconds: do it once per migration set and copy the result. */
const pgliteTemplate = async (): Promise<string> => {
  const template = path.join(cacheDir, `pglite-template-${migrationsHash()}`);
  if (fs.existsSync(path.join(template, 'pg', 'PG_VERSION'))) return template;
  fs.mkdirSync(cacheDir, { recursive: true });
  const building = fs.mkdtempSync(path.join(cacheDir, 'building-'));
  const database = await openDatabase({ dataDir: building });
  await database.close();
  try {
    fs.renameSync(building, template);
  } catch {
    fs.rmSync(building, { recursive: true, force: true }); // another test file built it first
  }
  return template;
};

export type TestDatabase = Database & { url?: string };

const serverUrlFor = (base: string, name: string): string => {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
};

export const createTestDatabase = async ({ onQuery }: { onQuery?: QueryObserver } = {}): Promise<TestDatabase> => {
  useTrailKey(TEST_TRAIL_KEY);
  usePersonalKey(TEST_PERSONAL_KEY);
  if (testDatabaseUrl) {
    const name = `fuban_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = serverUrlFor(testDatabaseUrl, name);
    const database = await openDatabase({ databaseUrl: url, dataDir: '', ...(onQuery ? { onQuery } : {}) });
    await ensureSecurityPolicy({ db: database.db });
    return {
      ...database,
      url,
      close: async () => {
        await database.close();
        const dropper = new pg.Client({ connectionString: testDatabaseUrl });
        await dropper.connect();
        // pool.end() resolves before its connections are gone; forcing the drop then kills them mid-close
        // and the pool reports that as an error. Wait (briefly) until nobody is connected.
        for (let attempt = 0; attempt < 50; attempt += 1) {
          const { rows } = await dropper.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuban-test-'));
  fs.cpSync(await pgliteTemplate(), dataDir, { recursive: true });
  const database = await openDatabase({ dataDir, ...(onQuery ? { onQuery } : {}) });
  await ensureSecurityPolicy({ db: database.db });
  return {
    ...database,
    close: async () => {
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
