import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../../test/test-db.js';
import { bindTrailKey, loadTrailKey, TrailKeyError } from './trail-key.js';

let database: TestDatabase;
let dataDir: string;
before(async () => {
  database = await createTestDatabase();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuban-key-'));
});
after(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the key file is made once with mode 0600, the database is bound to it, and another key is refused', async () => {
  const first = loadTrailKey({ envKey: undefined, dataDir });
  assert.equal(first.isNew, true);
  assert.equal(fs.statSync(path.join(dataDir, 'trail.key')).mode & 0o777, 0o600);
  await bindTrailKey({ db: database.db, source: first.source });
  const again = loadTrailKey({ envKey: undefined, dataDir });
  assert.equal(again.isNew, false);
  await bindTrailKey({ db: database.db, source: again.source });
  assert.throws(() => loadTrailKey({ envKey: 'short', dataDir }), TrailKeyError);
  loadTrailKey({ envKey: 'another-key-of-at-least-32-characters!!', dataDir });
  await assert.rejects(bindTrailKey({ db: database.db, source: 'FUBAN_TRAIL_KEY' }), TrailKeyError);
});
