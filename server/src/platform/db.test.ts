import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.js';
import { openDatabase } from './db.js';
import { createTestDatabase, testDatabaseUrl } from '../../test/test-db.js';
import { startTestApp } from '../../test/test-app.js';
import { buildUser, STRONG_PASSWORD } from '../../test/factories.js';

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'fuban-lock-'));

describe('the embedded data directory lock', () => {
  test('a second holder is refused with a clear message until the first releases', () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    assert.throws(() => lockDataDir(dir), (error: Error) => error instanceof DataDirLockedError && /正被另一个 Fuban 进程/.test(error.message));
    release();
    const again = lockDataDir(dir);
    again();
  });

  test('a second server process on the same directory refuses to start', () => {
    const dir = tempDir();
    const release = lockDataDir(dir);
    try {
      const child = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
        env: { ...process.env, FUBAN_DATA_DIR: dir, PORT: '0', DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(child.status, 1);
      assert.match(child.stderr, /正被另一个 Fuban 进程（pid \d+）使用，拒绝启动/);
    } finally {
      release();
    }
  });

  test('a lock left by a dead process is taken over', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, 'fuban.lock'), JSON.stringify({ pid: Number(dead.stdout), host: os.hostname() }));
    const release = lockDataDir(dir);
    release();
    assert.equal(fs.existsSync(path.join(dir, 'fuban.lock')), false);
  });
});

describe('lockout across server processes', () => {
  test('five failures on one app instance lock the account for another instance on the same database', async () => {
    const database = await createTestDatabase();
    // On PostgreSQL the second instance has its own connection pool, as a second process would.
    const second = testDatabaseUrl ? await openDatabase({ databaseUrl: database.url, dataDir: '' }) : undefined;
    const one = await startTestApp({ database });
    const two = await startTestApp({ database: second ? { ...second } : database });
    try {
      const user = await buildUser(database.db);
      const attempt = (app: typeof one.app, password: string) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password } });
      const failures = await Promise.all(Array.from({ length: 5 }, () => attempt(one.app, 'Wrong#Pass1')));
      assert.deepEqual(failures.map((r) => r.statusCode).sort(), [401, 401, 401, 401, 423]);
      const sixth = await attempt(two.app, STRONG_PASSWORD);
      assert.equal(sixth.statusCode, 423);
    } finally {
      await one.close();
      await two.close();
      await second?.close();
      await database.close();
    }
  });
});
