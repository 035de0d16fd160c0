/**
 * Many rows in one statement with one parameter a column: `insert into t (a, b) select * from unnest($1::uuid[],
 * $2::text[])`. drizzle's multi-row insert builds every value as its own parameter, tens of microseconds each (a
 * 500-row insert of four columns took 15–30 ms of the process to build, this 0.1 ms): a bulk registration's rows go
 * this way. The table and column names are the code's own, never input; the values are parameters, as ever.
 */
import { sql, type SQL } from 'drizzle-orm';

/**
 * A column's name and its PostgreSQL type (the array's element type): 'uuid', 'text', 'integer', 'timestamptz', 'jsonb' …,
 * or 'hex': bytes given as hex text (the trail's SM3 digests), sent as text and stored as bytea by insertUnnest.
 */
export type UnnestColumn = readonly [name: string, type: string];

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * `unnest(arrays) as u (columns)`: `values` gives each row's value of each column in their order (undefined is null;
 * a jsonb value is sent as its JSON text), for a select that computes some of what it inserts.
 */
export const unnestOf = <Row>(columns: readonly UnnestColumn[], rows: readonly Row[], values: (row: Row) => readonly unknown[]): SQL => {
  for (const [name, type] of columns) if (!IDENTIFIER.test(name) || !IDENTIFIER.test(type)) throw new Error(`unnest: ${name} ${type} is not a plain name`);
  const byColumn = columns.map(() => [] as unknown[]);
  for (const row of rows) {
    const cells = values(row);
    columns.forEach(([, type], index) => {
      const cell = cells[index] ?? null;
      byColumn[index]!.push(type === 'jsonb' && cell !== null ? JSON.stringify(cell) : cell);
    });
  }
  const arrays = columns.map(([, type], index) => sql`${sql.param(byColumn[index])}::${sql.raw(type === 'hex' ? 'text' : type)}[]`);
  return sql`unnest(${sql.join(arrays, sql`, `)}) as u (${sql.raw(columns.map(([name]) => name).join(', '))})`;
};

/** `insert into table (columns) select * from unnest(arrays)`, as unnestOf gives the rows. Empty rows insert nothing. */
export const insertUnnest = <Row>(table: string, columns: readonly UnnestColumn[], rows: readonly Row[], values: (row: Row) => readonly unknown[]): SQL => {
  if (!IDENTIFIER.test(table)) throw new Error(`insertUnnest: ${table} is not a plain name`);
  const selected = columns.map(([name, type]) => (type === 'hex' ? `decode(u.${name}, 'hex')` : `u.${name}`)).join(', ');
  return sql`insert into ${sql.raw(table)} (${sql.raw(columns.map(([name]) => name).join(', '))}) select ${sql.raw(selected)} from ${unnestOf(columns, rows, values)}`;
};
