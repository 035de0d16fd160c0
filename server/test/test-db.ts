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

/**
 * initdb in WASM takes seconds: do it once per migration set, and keep the migrated data directory as an image
 * (a tar of it) that each test file's database starts from in memory — no copy on disk, no writes to it.
 */
const pgliteTemplate = async (): Promise<string> => {
  const image = path.join(cacheDir, `pglite-template-${migrationsHash()}.tar`);
  if (fs.existsSync(image)) return image;
  fs.mkdirSync(cacheDir, { recursive: true });
  const building = fs.mkdtempSync(path.join(cacheDir, 'building-'));
  try {
    const database = await openDatabase({ dataDir: building });
    await database.close();
    const { PGlite } = await import('@electric-sql/pglite');
    const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
    const client = await PGlite.create(path.join(building, 'pg'), { extensions: { pg_trgm } });
    const tar = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
    await client.close();
    const partial = `${building}.tar`;
    fs.writeFileSync(partial, tar);
    fs.renameSync(partial, image); // atomic: a file running at the same time reads the whole image or none
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
  return image;
};

export type TestDatabase = Database & { url?: string };

const serverUrlFor = (base: string, name: string): string => {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
};

/** Until nobody is connected to a database (pool.end() resolves before its connections are gone). */
const untilIdle = async (admin: pg.Client, name: string): Promise<void> => {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const { rows } = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/**
 * Migrating a new PostgreSQL database takes over a second: do it once per migration set into a template database
 * and create each test file's database from it (a file copy on the server). Built under an advisory lock, so two
 * suites starting at once build it once; templates of other migration sets are dropped.
 */
const postgresTemplate = async (admin: pg.Client, base: string): Promise<string> => {
  const name = `fuban_test_template_${migrationsHash()}`;
  await admin.query('select pg_advisory_lock(20261207)');
  try {
    const { rows } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (rows.length > 0) return name;
    const { rows: stale } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'fuban\_test\_template\_%'`);
    for (const { datname } of stale) await admin.query(`drop database if exists ${datname} with (force)`);
    const building = `${name}_${process.pid}`;
    await admin.query(`create database ${building}`);
    const database = await openDatabase({ databaseUrl: serverUrlFor(base, building), dataDir: '' });
    await database.close();
    await untilIdle(admin, building);
    await admin.query(`alter database ${building} rename to ${name}`);
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock(20261207)');
  }
};

export const createTestDatabase = async ({ onQuery }: { onQuery?: QueryObserver } = {}): Promise<TestDatabase> => {
  useTrailKey(TEST_TRAIL_KEY);
  usePersonalKey(TEST_PERSONAL_KEY);
  if (testDatabaseUrl) {
    const name = `fuban_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${await postgresTemplate(admin, testDatabaseUrl)}`);
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
        await untilIdle(dropper, name);
        await dropper.query(`drop database if exists ${name} with (force)`);
        await dropper.end();
      },
    };
  }
  const image = new Blob([fs.readFileSync(await pgliteTemplate())]);
  const database = await openDatabase({ dataDir: '', inMemoryFrom: image, ...(onQuery ? { onQuery } : {}) });
  await ensureSecurityPolicy({ db: database.db });
  return database;
};
