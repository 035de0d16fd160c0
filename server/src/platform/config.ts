/** Process configuration from the environment, read once at start. */
import fs from 'node:fs';
import path from 'node:path';

export type Config = {
  port: number;
  host: string;
  isProduction: boolean;
  databaseUrl: string | undefined;
  dataDir: string;
  trustProxy: boolean;
  cookieSecure: 'auto' | boolean;
  logLevel: string;
};

const parsePort = (raw: string | undefined): number => {
  const port = Number(raw ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效：${raw}`);
  return port;
};

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config => ({
  port: parsePort(env.PORT),
  host: env.HOST ?? '127.0.0.1',
  isProduction: env.NODE_ENV === 'production',
  databaseUrl: env.DATABASE_URL || undefined,
  dataDir: path.resolve(env.FUBAN_DATA_DIR ?? 'data'),
  trustProxy: env.FUBAN_TRUST_PROXY === 'true',
  cookieSecure: env.FUBAN_COOKIE_SECURE === 'true' ? true : env.FUBAN_COOKIE_SECURE === 'false' ? false : 'auto',
  logLevel: env.LOG_LEVEL ?? 'info',
});

export const appVersion = (
  JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
