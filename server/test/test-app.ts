/** The app under test: real database, real routes, a clock the test can move. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { readConfig, type Config } from '../src/platform/config.js';
import { forgetCachedPolicy } from '../src/modules/security/security.service.js';
import { createTestDatabase, type TestDatabase } from './test-db.js';

export type TestClock = { now: () => Date; advance: (ms: number) => void; set: (date: Date) => void };

export const createClock = (start = new Date()): TestClock => {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (date) => {
      current = date.getTime();
    },
  };
};

export type TestContext = { app: FastifyInstance; database: TestDatabase; clock: TestClock; close: () => Promise<void> };

/** `config` overrides the defaults; background preview rendering is off unless a test turns it on (it costs a LibreOffice run). */
export const startTestApp = async (options: { database?: TestDatabase; config?: Partial<Config>; webDir?: string } = {}): Promise<TestContext> => {
  const database = options.database ?? (await createTestDatabase());
  const clock = createClock();
  forgetCachedPolicy();
  const app = await buildApp({
    db: database.db,
    databaseKind: database.kind,
    config: { ...readConfig({}), isProduction: false, isPreviewPrerendered: false, ...options.config },
    clock: clock.now,
    logger: false,
    ...(options.webDir ? { webDir: options.webDir } : {}),
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      if (!options.database) await database.close();
    },
  };
};
