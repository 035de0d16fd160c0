/**
 * Timing the 收文登记簿 import (`node --import tsx scripts/bench-import.ts [rows]`, default 5,000): a
 * fresh embedded database (PGlite; TEST_DATABASE_URL for PostgreSQL), a register built in the ways real
 * ones are written (server/test/register-fixtures.ts), then the stages and the two use cases timed.
 * Not a test: it prints figures (the tests assert correctness, not time).
 */
import { readRegisterOffThread } from '../server/src/platform/registers/read-off-thread.js';
import { importIncomingRegister, previewIncomingImport } from '../server/src/modules/incoming/import/import.service.js';
import { parseRegisterRows } from '../server/src/modules/incoming/import/parse-rows.js';
import { incomingHeaderAliases, resolveMapping, suggestMapping } from '../server/src/modules/incoming/import/register-columns.js';
import { actorOf, buildUser } from '../server/test/factories.js';
import { largeRegister } from '../server/test/register-fixtures.js';
import { createTestDatabase } from '../server/test/test-db.js';

const rows = Number(process.argv[2] ?? 5_000);
const now = new Date('2026-11-02T09:00:00+08:00');

const timed = async <T>(label: string, work: () => Promise<T> | T): Promise<T> => {
  const started = performance.now();
  const result = await work();
  console.log(`${label.padEnd(34)} ${String(Math.round(performance.now() - started)).padStart(7)} ms`);
  return result;
};

const database = await createTestDatabase();
try {
  const user = await buildUser(database.db, { roles: ['clerk'] });
  const actor = actorOf(user, ['clerk']);
  const content = await timed(`build a ${rows}-row register`, () => largeRegister({ count: rows }));
  console.log(`register: ${rows} rows, ${Math.round(content.length / 1024)} KB; database: ${database.kind}`);
  const register = await timed('read (worker, streaming)', () => readRegisterOffThread({ content, aliases: incomingHeaderAliases }));
  await timed('parse rows', () => parseRegisterRows({ register, mapping: resolveMapping(register.headers, suggestMapping(register.headers)), today: '2026-11-02' }));
  const preview = await timed('preview (use case, whole)', () => previewIncomingImport({ db: database.db, actor, content, now }));
  const result = await timed('import (use case, whole)', () => importIncomingRegister({ db: database.db, actor, content, fileName: 'bench.xlsx', mode: 'all', now }));
  const again = await timed('import again (adds nothing)', () => importIncomingRegister({ db: database.db, actor, content, fileName: 'bench.xlsx', mode: 'all', now }));
  console.log(`preview: ${preview.valid} valid, ${preview.inProgress} in progress; import: ${result.imported} imported; again: ${again.imported} imported, ${again.skippedDuplicates} skipped`);
} finally {
  await database.close();
}
