/**
 * Bulk loading by COPY: one `psql -c "COPY … FROM STDIN"` child per table, fed in PostgreSQL's text format
 * with backpressure (pg-copy-streams is not a dependency; psql is on the machine). Before the load the big
 * tables' indexes, keys and foreign keys are dropped and their row triggers switched off (the visibility rows
 * are generated with the others); after it they are made again from the definitions the migrations created —
 * keys and indexes two at a time, then the foreign keys, each validated —, the triggers switched back on, and
 * the per-day hotline facts (migration 0031) counted once from the loaded rows.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { segmentWords } from '../../../server/src/platform/search.js';
import type { Cell } from './tickets.js';

/** The tables the tickets fill, with their columns in the order tickets.ts emits them. */
export const LOAD_TABLES: Record<string, readonly string[]> = {
  cases: ['id', 'kind', 'year', 'seq', 'serial_no', 'title', 'state', 'fields', 'owner_unit_id', 'handler_id', 'created_by', 'deadline', 'due_date', 'due_status', 'is_closed', 'closed_at', 'search_text', 'version', 'created_at', 'updated_at', 'search_vector', 'series'],
  case_events: ['id', 'case_id', 'seq', 'at', 'actor_id', 'actor_name', 'on_behalf_of_id', 'on_behalf_of_name', 'action', 'from_state', 'to_state', 'comment', 'data', 'prev_hash', 'hash', 'case_version', 'mac'],
  assignments: ['id', 'case_id', 'unit_id', 'role', 'state', 'deadline', 'due_date', 'due_status', 'instruction', 'reply', 'reply_attachments', 'return_reason', 'satisfaction', 'accepted_at', 'assigned_at', 'signed_at', 'replied_at', 'version', 'extension_request'],
  case_unit_visibility: ['unit_id', 'case_id', 'kind', 'created_at', 'due_date'],
  case_clocks: ['id', 'case_id', 'assignment_id', 'clock_id', 'state', 'started_at', 'due_at', 'paused_at', 'stopped_at', 'inputs', 'explanation', 'version', 'created_at', 'updated_at'],
  case_personal: ['case_id', 'field', 'sealed', 'updated_at'],
  person_index: ['case_id', 'field', 'type', 'digest'],
  work_items: ['id', 'case_id', 'user_id', 'unit_id', 'assignment_id', 'label', 'since', 'due_date'], // due_date: the case's (0040; the load runs without triggers)
  case_links: ['from_case_id', 'to_case_id', 'type', 'created_at'],
  mailbox_letters: ['id', 'case_id', 'query_hash', 'challenge_hash', 'created_at'],
  open311_requests: ['case_id', 'key_id', 'created_at'],
};

const escapeText = (text: string): string => (/[\\\t\n\r]/.test(text) ? text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : text);

/** One row in COPY text format. */
export const copyLine = (cells: readonly Cell[]): string => {
  let line = '';
  for (let index = 0; index < cells.length; index += 1) {
    const cell = cells[index];
    if (index > 0) line += '\t';
    if (cell === null || cell === undefined) line += '\\N';
    else if (typeof cell === 'string') line += escapeText(cell);
    else if (typeof cell === 'number') line += String(cell);
    else if (typeof cell === 'boolean') line += cell ? 't' : 'f';
    else if (cell instanceof Date) line += cell.toISOString();
    else if (cell instanceof Tsvector) line += escapeText(cell.literal);
    else line += escapeText(JSON.stringify(cell));
  }
  return `${line}\n`;
};

/** A tsvector in its input syntax. */
export class Tsvector {
  constructor(readonly literal: string) {}
}

/**
 * What `to_tsvector('simple', words)` makes of the app's searchVectorOf (jieba's words joined by spaces): each
 * word a lexeme at its position, split where the default parser splits (between letters and other
 * characters it does not keep). The load checks a sample against PostgreSQL's own (checkTsvectors).
 */
export const tsvectorOf = (text: string): Tsvector => {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const word of segmentWords(text)) {
    for (const token of word.split(/[^\p{L}\p{N}_]+/u)) {
      if (token === '') continue;
      position += 1;
      const list = positions.get(token);
      if (list) list.push(position);
      else positions.set(token, [position]);
    }
  }
  return new Tsvector([...positions].map(([lexeme, at]) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${at.join(',')}`).join(' '));
};

/** The COPY children, one per table: `write` queues a row, `end` waits for all of them to commit. */
export const openCopies = (url: string, tables: Record<string, readonly string[]> = LOAD_TABLES) => {
  const children = new Map<string, { child: ChildProcess; buffer: string[]; size: number; done: Promise<void>; rows: number }>();
  for (const [table, columns] of Object.entries(tables)) {
    const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', `COPY ${table} (${columns.join(', ')}) FROM STDIN`], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    const done = new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`COPY ${table} failed (${code}): ${errors.slice(0, 2000)}`)))));
    children.set(table, { child, buffer: [], size: 0, done, rows: 0 });
  }
  const flush = async (table: string) => {
    const entry = children.get(table)!;
    if (entry.buffer.length === 0) return;
    const chunk = entry.buffer.join('');
    entry.buffer = [];
    entry.size = 0;
    if (!entry.child.stdin!.write(chunk)) await new Promise<void>((resolve) => entry.child.stdin!.once('drain', resolve));
  };
  return {
    write: (table: string, cells: readonly Cell[]) => {
      const entry = children.get(table);
      if (!entry) throw new Error(`no COPY open for ${table}`);
      const line = copyLine(cells);
      entry.buffer.push(line);
      entry.size += line.length;
      entry.rows += 1;
    },
    /** Sends what is buffered, waiting where a child's pipe is full: call between batches. */
    drain: async () => {
      for (const table of children.keys()) await flush(table);
    },
    end: async () => {
      for (const table of children.keys()) await flush(table);
      for (const entry of children.values()) entry.child.stdin!.end();
      await Promise.all([...children.values()].map((entry) => entry.done));
      return Object.fromEntries([...children].map(([table, entry]) => [table, entry.rows]));
    },
    kill: () => {
      for (const entry of children.values()) entry.child.kill('SIGKILL');
    },
  };
};

type Definitions = { tables: string[]; keys: Array<{ table: string; name: string; sql: string }>; indexes: Array<{ table: string; name: string; sql: string }>; foreignKeys: Array<{ table: string; name: string; sql: string }> };

/** Drops the indexes, keys and foreign keys of the loaded tables (and the foreign keys into them); returns how to make them again. */
export const dropForLoad = async (client: pg.ClientBase, tables: readonly string[]): Promise<Definitions> => {
  const names = [...tables];
  const { rows: constraints } = await client.query<{ table: string; name: string; type: string; def: string; target: string | null }>(
    `select conrelid::regclass::text as table, conname as name, contype as type, pg_get_constraintdef(oid) as def, confrelid::regclass::text as target
     from pg_constraint where contype in ('p', 'u', 'f') and (conrelid::regclass::text = any($1) or (contype = 'f' and confrelid::regclass::text = any($1)))`,
    [names],
  );
  const { rows: indexes } = await client.query<{ table: string; name: string; def: string }>(
    `select i.indrelid::regclass::text as table, c.relname as name, pg_get_indexdef(i.indexrelid) as def
     from pg_index i join pg_class c on c.oid = i.indexrelid
     where i.indrelid::regclass::text = any($1) and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u'))`,
    [names],
  );
  const foreignKeys = constraints.filter((row) => row.type === 'f');
  const keys = constraints.filter((row) => row.type !== 'f' && names.includes(row.table));
  for (const row of foreignKeys) await client.query(`alter table ${row.table} drop constraint "${row.name}"`);
  for (const row of keys) await client.query(`alter table ${row.table} drop constraint "${row.name}"`);
  for (const row of indexes) await client.query(`drop index "${row.name}"`);
  // Row triggers (the visibility one, and 0031's per-day facts) would run for every copied row: their rows are
  // generated (visibility) or counted once after the load (hotline_facts_rebuild).
  for (const table of names) await client.query(`alter table ${table} disable trigger user`);
  return {
    tables: names,
    keys: keys.map((row) => ({ table: row.table, name: row.name, sql: `alter table ${row.table} add constraint "${row.name}" ${row.def}` })),
    indexes: indexes.map((row) => ({ table: row.table, name: row.name, sql: row.def })),
    foreignKeys: foreignKeys.map((row) => ({ table: row.table, name: row.name, sql: `alter table ${row.table} add constraint "${row.name}" ${row.def}` })),
  };
};

/** Makes the keys and indexes again (two sessions at a time, largest tables first), then the foreign keys. */
export const restoreAfterLoad = async (connect: () => Promise<pg.ClientBase & { end?: () => Promise<void>; release?: () => void }>, definitions: Definitions, log: (line: string) => void): Promise<void> => {
  const order = ['case_events', 'cases', 'case_clocks', 'assignments', 'case_unit_visibility', 'case_personal', 'person_index', 'work_items', 'case_links'];
  const rank = (table: string) => (order.indexOf(table) === -1 ? order.length : order.indexOf(table));
  const run = async (jobs: Array<{ table: string; name: string; sql: string }>, parallel: number) => {
    const queue = [...jobs].sort((a, b) => rank(a.table) - rank(b.table));
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        const client = await connect();
        try {
          await client.query(`set maintenance_work_mem = '512MB'`);
          for (let job = queue.shift(); job; job = queue.shift()) {
            const started = Date.now();
            await client.query(job.sql);
            const ms = Date.now() - started;
            if (ms > 5_000) log(`    ${job.name} ${(ms / 1000).toFixed(1)} s`);
          }
        } finally {
          if (client.release) client.release();
          else await client.end?.();
        }
      }),
    );
  };
  await run(definitions.keys, 2);
  await run(definitions.indexes, 2);
  await run(definitions.foreignKeys, 2);
  const client = await connect();
  try {
    for (const table of definitions.tables) await client.query(`alter table ${table} enable trigger user`);
    const { rows } = await client.query<{ found: boolean }>(`select to_regproc('hotline_facts_rebuild') is not null as found`);
    if (rows[0]?.found) {
      const started = Date.now();
      await client.query('select hotline_facts_rebuild()');
      log(`    hotline_facts_rebuild() ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    if (client.release) client.release();
    else await client.end?.();
  }
};
