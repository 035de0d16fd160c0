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
  /** FUBAN_TRAIL_KEY: the key that seals 留痕 and the audit log; unset, `<dataDir>/trail.key` is used (made on first start). */
  trailKey: string | undefined;
  /** FUBAN_PII_KEY: the key that encrypts citizens' personal data (SM4) and its blind index; unset, `<dataDir>/pii.key`. */
  personalKey: string | undefined;
  /** The origin browsers reach Fuban at (scheme://host[:port]), when a proxy in front rewrites Host; see isSameOriginRequest. */
  publicOrigin: string | undefined;
  /** Render a saved 发文 version's preview in the background (LibreOffice, ~200 MB); off leaves it to the first view. */
  isPreviewPrerendered: boolean;
  /** FUBAN_PUBLIC_RATE: calls a minute one address may make to the paths open without signing in (/api/public/). */
  publicRequestsPerMinute: number;
  /** FUBAN_OPEN311_RATE: calls a minute one keyed Open311 system (the province's platform) may make from one address. */
  open311RequestsPerMinute: number;
};

const parsePort = (raw: string | undefined): number => {
  const port = Number(raw ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效：${raw}`);
  return port;
};

const parseOrigin = (raw: string | undefined): string | undefined => {
  if (!raw) return undefined;
  try {
    return new URL(raw).origin;
  } catch {
    throw new Error(`FUBAN_PUBLIC_ORIGIN 无效：${raw}（应如 https://fuban.example.gov.cn）`);
  }
};

const parseRate = (raw: string | undefined, name = 'FUBAN_PUBLIC_RATE', fallback = 30, most = 100_000): number => {
  const rate = Number(raw ?? fallback);
  if (!Number.isInteger(rate) || rate < 1 || rate > most) throw new Error(`${name} 无效：${raw}（应为每分钟次数，1 至 ${most}）`);
  return rate;
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
  trailKey: env.FUBAN_TRAIL_KEY || undefined,
  personalKey: env.FUBAN_PII_KEY || undefined,
  publicOrigin: parseOrigin(env.FUBAN_PUBLIC_ORIGIN),
  isPreviewPrerendered: env.FUBAN_PREVIEW_PRERENDER !== 'false',
  publicRequestsPerMinute: parseRate(env.FUBAN_PUBLIC_RATE),
  open311RequestsPerMinute: parseRate(env.FUBAN_OPEN311_RATE, 'FUBAN_OPEN311_RATE', 300, 1_000_000),
});

export const appVersion = (
  JSON.parse(fs.readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
