/**
 * The benchmark's child processes (our server and the floor) and the small HTTP helpers it uses to set
 * up a run (log in, walk cursors). Kept apart from scripts/bench.ts so that the run itself reads top-down.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export type Proc = { name: string; child: ChildProcess; port: number; output: () => string; stop: () => Promise<void> };

export const spawnServer = (name: string, args: string[], extraEnv: Record<string, string>, readyPattern: RegExp): Promise<Proc> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let settled = false;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const proc = (port: number): Proc => ({
      name,
      child,
      port,
      output: () => output,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      },
    });
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = readyPattern.exec(output);
      if (match && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve(proc(Number(match[1])));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${output}`));
    });
  });

export const freePort = async (): Promise<number> => {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      server.close(() => resolve(address.port));
    });
  });
};

// ---------------------------------------------------------------- HTTP helpers for set-up

export const call = async (port: number, method: string, url: string, body?: unknown, cookie?: string) => {
  const response = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json().catch(() => null)) as Record<string, unknown> | null };
};

