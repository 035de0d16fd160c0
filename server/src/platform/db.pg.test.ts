// Runs only against a PostgreSQL server (TEST_DATABASE_URL): the embedded database has no durability settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase, UnsafeDatabaseError } from './db.js';
import { testDatabaseUrl } from '../../test/test-db.js';

test('refuses to start when synchronous_commit is off, naming the setting', async () => {
  // synchronous_commit can be turned off per connection; fsync and full_page_writes only server-wide,
  // and they go through the same check.
  const url = new URL(testDatabaseUrl!);
  url.searchParams.set('options', '-c synchronous_commit=off');
  await assert.rejects(
    openDatabase({ databaseUrl: url.toString(), dataDir: '' }),
    (error: Error) => error instanceof UnsafeDatabaseError && /synchronous_commit/.test(error.message) && /拒绝启动/.test(error.message),
  );
});

test('opens and migrates a server with durable settings; a second open finds nothing to migrate', async () => {
  const first = await openDatabase({ databaseUrl: testDatabaseUrl, dataDir: '' });
  await first.close();
  const second = await openDatabase({ databaseUrl: testDatabaseUrl, dataDir: '' });
  assert.equal(second.kind, 'postgres');
  await second.close();
});
