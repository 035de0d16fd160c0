// Server processes for the crash tests: start `server/src/main.ts` on a port against one database, wait for
// /api/health, SIGKILL or SIGTERM it, talk HTTP to it with a keep-alive agent, run the `fuban` CLI on the same
// database. The last 400 lines each server printed are kept, for the report when something fails.
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });

/** Node's socket errors carry a code (ECONNREFUSED, ECONNRESET, …); our own timeout gets TIMEOUT. */
export const isConnectionError = (error) => error && typeof error === 'object' && 'code' in error;

export const request = (server, method, url, body, cookie) =>
  new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers = { ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...(cookie ? { cookie } : {}) };
    const req = http.request({ host: '127.0.0.1', port: server.port, method, path: url, agent: server.agent, timeout: 20_000, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk)).on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const json = (() => { try { return text ? JSON.parse(text) : undefined; } catch { return undefined; } })();
        resolve({ status: res.statusCode, json, text, headers: res.headers });
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'TIMEOUT' }))).on('error', reject);
    req.end(payload);
  });

export const expectOk = async (promise, what) => {
  const { status, text, json } = await promise;
  if (status < 200 || status >= 300) throw new Error(`${what}: ${status} ${text}`);
  return json;
};

export const login = async (server, username, password) => {
  const response = await request(server, 'POST', '/api/auth/login', { username, password });
  const raw = [response.headers['set-cookie'] ?? []].flat().find((item) => item.startsWith('fuban_sid='));
  if (response.status !== 200 || !raw) throw new Error(`login ${username} on ${server.name}: ${response.status} ${response.text}`);
  return raw.split(';')[0];
};

/** Servers named A, B, C … on free ports, all on `dbUrl`; `stopping` refuses new starts once the clean-up began. */
export const createCluster = async ({ root, dbUrl, names }) => {
  const log = [];
  const servers = [];
  for (const name of names) servers.push({ name, port: await freePort(), starts: 0, up: false });
  const cluster = { servers, log, stopping: false };

  cluster.start = async (server) => {
    if (cluster.stopping) throw new Error('stopping');
    server.starts += 1;
    const label = `${server.name}#${server.starts}`;
    const env = { ...process.env, DATABASE_URL: dbUrl, PORT: String(server.port), HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' };
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const [stream, tag] of [[child.stdout, ''], [child.stderr, ' err']]) {
      stream.on('data', (chunk) => log.push(...String(chunk).split('\n').filter((line) => line.trim()).map((line) => `[${label}${tag}] ${line}`)) && log.splice(0, Math.max(0, log.length - 400)));
    }
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    Object.assign(server, { child, exited, agent: new http.Agent({ keepAlive: true, maxSockets: 64 }) });
    const deadline = Date.now() + 30_000;
    for (;;) {
      const state = await Promise.race([server.exited.then((code) => ({ code })), sleep(100).then(() => null)]);
      if (state) throw new Error(`server ${label} exited during start with ${state.code}`);
      const health = await request(server, 'GET', '/api/health').catch(() => undefined);
      if (health?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`server ${label} did not answer /api/health within 30 s`);
    }
    server.up = true;
  };

  /** SIGKILL marks the child killedByUs: a connection error from it is then the crash, not a failure. */
  cluster.stop = async (server, signal) => {
    if (!server.child || server.child.exitCode !== null || server.child.signalCode !== null) return;
    server.up = false;
    if (signal === 'SIGKILL') server.child.killedByUs = true;
    server.child.kill(signal);
    const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
    await server.exited.finally(() => clearTimeout(timer));
    server.agent.destroy();
  };

  cluster.stopAll = async () => {
    cluster.stopping = true;
    await Promise.all(servers.map((server) => cluster.stop(server, 'SIGKILL').catch(() => undefined)));
  };

  cluster.cli = (args, input) => {
    const result = spawnSync('npm', ['run', '-s', 'fuban', '--', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, input: input ?? '', encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout ?? '', output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
  };

  /** A TypeScript script of the repository in a child process on the same database, without blocking the servers' pipes. */
  cluster.node = (args) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: dbUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
      const [out, err] = [[], []];
      child.stdout.on('data', (chunk) => out.push(chunk));
      child.stderr.on('data', (chunk) => err.push(chunk));
      child.once('exit', (code, signal) => {
        const stdout = Buffer.concat(out).toString('utf8');
        resolve({ status: signal ?? code, stdout, output: `${stdout}${Buffer.concat(err).toString('utf8')}` });
      });
    });

  process.on('exit', () => servers.forEach((server) => server.child?.kill('SIGKILL')));
  return cluster;
};
