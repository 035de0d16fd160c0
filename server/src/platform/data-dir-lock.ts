/**
 * An exclusive lock on the embedded data directory. PGlite does not lock its
 * directory, and a second process on it silently loses writes, so Fuban refuses
 * to open a directory another live process holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `数据目录 ${dataDir} 正被另一个 Fuban 进程（pid ${pid}）使用，拒绝启动。` +
        `同一数据目录只能由一个进程打开；请先停止该进程，或用 FUBAN_DATA_DIR 指定其他目录，或配置 DATABASE_URL 使用 PostgreSQL 运行多个进程。`,
    );
    this.name = 'DataDirLockedError';
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

type LockFile = { pid: number; host: string };

const readLock = (file: string): LockFile | undefined => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockFile;
  } catch {
    return undefined;
  }
};

/** Takes the lock or throws DataDirLockedError; returns the release function. */
export const lockDataDir = (dataDir: string): (() => void) => {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'fuban.lock');
  const content = JSON.stringify({ pid: process.pid, host: os.hostname() } satisfies LockFile);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, content, { flag: 'wx' });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readLock(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLock(file);
      // A lock left by a process that died (kill -9, power loss) is stale: take it over.
      if (holder && holder.host === os.hostname() && !isAlive(holder.pid)) {
        fs.rmSync(file, { force: true });
        continue;
      }
      throw new DataDirLockedError(dataDir, holder?.pid ?? -1);
    }
  }
  throw new DataDirLockedError(dataDir, readLock(file)?.pid ?? -1);
};
