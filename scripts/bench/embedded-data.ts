/**
 * The embedded bench's data directory (scripts/bench/embedded.ts): the bench office's 批示件 written into a
 * temporary PostgreSQL database by loadBenchData (load-data.ts: the rows the engine would write — trail,
 * assignments with their deadlines, 待办, reminders), then moved into a fresh PGlite data directory that the
 * app's own openDatabase made and migrated. The move is pg_dump's COPY blocks fed to PGlite's COPY FROM
 * '/dev/blob', chunk by chunk, with triggers off (session_replication_role = replica): the derived tables
 * (case_unit_visibility …) come over as PostgreSQL computed them, and every table's row count is checked
 * on both sides before the PostgreSQL database is dropped.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { loadCalendar } from '../../server/src/engine/calendar/calendar.service.js';
import { ensureSecurityPolicy } from '../../server/src/modules/security/security.service.js';
import { openDatabase } from '../../server/src/platform/db.js';
import { loadBenchData, type LoadSummary } from './load-data.js';

export type EmbeddedData = {
  dataDir: string;
  summary: LoadSummary;
  /** Rows per table, the same in PostgreSQL and in PGlite (checked). */
  rows: Record<string, number>;
  phases: { loadMs: number; copyMs: number; analyzeMs: number; totalMs: number };
  sizeBytes: number;
};

/**
 * What makeEmbeddedDataDir gives: the data and the PostgreSQL database to drop. The drop is left to the caller's
 * end: DROP DATABASE waits for every backend of the cluster to absorb a barrier, and a backend idle inside another
 * client's COPY FROM STDIN does not absorb it until that COPY ends — the measurements need not wait for that.
 */
export type MadeDataDir = EmbeddedData & { dropSource: () => Promise<void> };

/** COPY text data is sent to PGlite in chunks of about this many characters. */
const CHUNK_CHARS = 16 * 1024 * 1024;

const withDatabaseName = (url: string, name: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
};

const countRows = async (query: (text: string) => Promise<Array<{ n: number }>>, tables: readonly string[]) => {
  const rows: Record<string, number> = {};
  for (const table of tables) rows[table] = (await query(`select count(*)::int as n from public."${table}"`))[0]!.n;
  return rows;
};

const directorySize = (dir: string): number =>
  fs.readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? directorySize(full) : entry.isFile() ? fs.statSync(full).size : 0);
  }, 0);

/**
 * Streams `pg_dump --data-only` of the public schema into PGlite: each COPY block's rows in chunks through
 * /dev/blob, each sequence's setval as it comes.
 */
const copyIntoPglite = async ({ url, client }: { url: string; client: PGlite }): Promise<void> => {
  const dump = spawn('pg_dump', ['--data-only', '--schema=public', '--no-owner', '--no-privileges', '--dbname', url], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  dump.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number>((resolve) => dump.once('close', (code) => resolve(code ?? -1)));
  let copyStatement: string | null = null;
  let chunk: string[] = [];
  let chunkChars = 0;
  const flush = async () => {
    if (!copyStatement || chunk.length === 0) return;
    await client.query(copyStatement, [], { blob: new Blob([chunk.join('')]) });
    chunk = [];
    chunkChars = 0;
  };
  for await (const line of readline.createInterface({ input: dump.stdout, crlfDelay: Infinity })) {
    if (copyStatement) {
      if (line === '\\.') {
        await flush();
        copyStatement = null;
      } else {
        chunk.push(line, '\n');
        chunkChars += line.length + 1;
        if (chunkChars >= CHUNK_CHARS) await flush();
      }
      continue;
    }
    const copy = /^COPY (\S+ \([^)]*\)) FROM stdin;$/.exec(line);
    if (copy) copyStatement = `COPY ${copy[1]} FROM '/dev/blob'`;
    else if (line.startsWith('SELECT pg_catalog.setval(')) await client.exec(line);
  }
  const code = await exited;
  if (code !== 0) throw new Error(`pg_dump exited with ${code}: ${stderr.trim()}`);
};

export const makeEmbeddedDataDir = async ({ adminUrl, caseCount, eventCount, now, log }: { adminUrl: string; caseCount: number; eventCount: number; now: Date; log: (line: string) => void }): Promise<MadeDataDir> => {
  const startedAt = Date.now();
  const dbName = `fuban_embedded_${process.pid}`;
  const url = withDatabaseName(adminUrl, dbName);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuban-bench-embedded-'));
  const dropSource = async () => {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  };
  try {
    // 1. PostgreSQL: migrated by openDatabase, loaded by the bench loader.
    const source = await openDatabase({ databaseUrl: url, dataDir: '' });
    let summary: LoadSummary;
    try {
      await ensureSecurityPolicy({ db: source.db });
      const calendar = await loadCalendar({ db: source.db });
      summary = await loadBenchData({ url, calendar, caseCount, eventCount, now, log });
    } finally {
      await source.close();
    }
    const loadMs = Date.now() - startedAt;
    log(`  loaded into PostgreSQL in ${(loadMs / 1000).toFixed(1)} s: ${Object.entries(summary.counts).map(([name, n]) => `${n.toLocaleString('en')} ${name}`).join(', ')}`);

    // 2. PGlite: made and migrated by the app's openDatabase, emptied of what migrations seed, then filled.
    const source2 = new pg.Client({ connectionString: url });
    await source2.connect();
    const tables = (await source2.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' order by tablename`)).rows.map((row) => row.name);
    const sourceRows = await countRows(async (text) => (await source2.query<{ n: number }>(text)).rows, tables);
    await source2.end();

    let phase = Date.now();
    const target = await openDatabase({ dataDir });
    const client = (target.db as unknown as { $client: PGlite }).$client;
    let copyMs = 0;
    let analyzeMs = 0;
    let targetRows: Record<string, number>;
    try {
      await client.exec(`set session_replication_role = replica; truncate ${tables.map((table) => `public."${table}"`).join(', ')};`);
      await copyIntoPglite({ url, client });
      await client.exec('set session_replication_role = default');
      copyMs = Date.now() - phase;
      phase = Date.now();
      await client.exec('vacuum analyze');
      analyzeMs = Date.now() - phase;
      targetRows = await countRows(async (text) => (await client.query<{ n: number }>(text)).rows, tables);
      await client.exec('checkpoint');
    } finally {
      await target.close();
    }
    const differing = tables.filter((table) => sourceRows[table] !== targetRows[table]);
    if (differing.length > 0) throw new Error(`row counts differ after the copy: ${differing.map((table) => `${table} ${sourceRows[table]} → ${targetRows[table]}`).join(', ')}`);
    log(`  copied into PGlite in ${(copyMs / 1000).toFixed(1)} s (pg_dump → COPY FROM /dev/blob), vacuum analyze ${(analyzeMs / 1000).toFixed(1)} s; row counts of all ${tables.length} tables equal`);
    const sizeBytes = directorySize(dataDir);
    return { dataDir, summary, rows: targetRows, phases: { loadMs, copyMs, analyzeMs, totalMs: Date.now() - startedAt }, sizeBytes, dropSource };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    await dropSource();
    throw error;
  }
};
