/**
 * The database: embedded PGlite in the data directory by default, a `pg` pool
 * when DATABASE_URL is set. Both speak one SQL dialect through one drizzle schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from '../db/schema/index.js';
import { lockDataDir } from './data-dir-lock.js';

export type Schema = typeof schema;
/** A database or a transaction: use cases take this so they compose inside one transaction. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** True when this start created the embedded database from nothing. */
  isNew: boolean;
  close: () => Promise<void>;
};

export const migrationsFolder = fileURLToPath(new URL('../db/migrations', import.meta.url));

/** Settings that, when off, let a crash lose or corrupt committed data. */
const durabilitySettings = ['fsync', 'synchronous_commit', 'full_page_writes'] as const;

export class UnsafeDatabaseError extends Error {}

const checkDurability = async (pool: pg.Pool): Promise<void> => {
  const off: string[] = [];
  for (const setting of durabilitySettings) {
    const result = await pool.query<{ value: string }>(`select current_setting('${setting}') as value`);
    if (result.rows[0]?.value === 'off') off.push(setting);
  }
  if (off.length > 0) {
    throw new UnsafeDatabaseError(
      `PostgreSQL 的 ${off.join('、')} 处于关闭状态，崩溃时会丢失或损坏已提交的数据，拒绝启动。` +
        `请在 postgresql.conf 中开启（${off.map((s) => `${s} = on`).join('，')}）后重启数据库。`,
    );
  }
};

/** Any number to lock migrations with; all Fuban processes use the same one. */
const MIGRATION_LOCK_KEY = 7_262_026;

/** Each statement's text as drizzle sends it, when asked (a test counting an action's round trips). */
export type QueryObserver = (text: string) => void;
const loggerOf = (onQuery: QueryObserver | undefined) => (onQuery ? { logger: { logQuery: (text: string) => onQuery(text) } } : {});

const openPostgres = async (url: string, onQuery?: QueryObserver): Promise<Database> => {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.FUBAN_DB_POOL ?? 10) });
  try {
    await checkDurability(pool);
    const db = drizzlePg(pool, { schema, ...loggerOf(onQuery) }) as unknown as Db;
    // Several processes may start at once: one migrates, the others wait for it.
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg(pool, { schema }), { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
    return { db, kind: 'postgres', isNew: false, close: () => pool.end() };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
};

const openPglite = async (dataDir: string, onQuery?: QueryObserver): Promise<Database> => {
  const release = lockDataDir(dataDir);
  try {
    const pgDir = path.join(dataDir, 'pg');
    const isNew = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
    const client = await PGlite.create(pgDir, { extensions: { pg_trgm } });
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    const db = drizzlePglite(client, { schema, ...loggerOf(onQuery) });
    return {
      db: db as unknown as Db,
      kind: 'pglite',
      isNew,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
};

/**
 * An embedded database held in memory, started from an image of a data directory (PGlite's dumpDataDir): the
 * test suites' per-file databases, which need neither a copy on disk nor its writes. Gone when closed.
 */
const openPgliteInMemory = async (image: Blob, onQuery?: QueryObserver): Promise<Database> => {
  const client = await PGlite.create({ loadDataDir: image, extensions: { pg_trgm } });
  try {
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
  } catch (error) {
    await client.close();
    throw error;
  }
  const db = drizzlePglite(client, { schema, ...loggerOf(onQuery) });
  return { db: db as unknown as Db, kind: 'pglite', isNew: false, close: () => client.close() };
};

export const openDatabase = (options: { databaseUrl?: string | undefined; dataDir: string; onQuery?: QueryObserver; inMemoryFrom?: Blob }): Promise<Database> =>
  options.databaseUrl
    ? openPostgres(options.databaseUrl, options.onQuery)
    : options.inMemoryFrom
      ? openPgliteInMemory(options.inMemoryFrom, options.onQuery)
      : openPglite(options.dataDir, options.onQuery);

/** Rows of a raw query, the same shape on both drivers. */
export const rowsOf = <T>(result: unknown): T[] =>
  (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];

export const ping = async (db: Db): Promise<void> => {
  await db.execute(sql`select 1`);
};
