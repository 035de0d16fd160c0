#!/usr/bin/env node
// Before `npm start`: build the web app when there is no build yet or its sources are newer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'web/dist/index.html');

const newestSource = () => {
  let newest = 0;
  for (const dir of ['web/src', 'common', 'web/index.html', 'web/vite.config.ts']) {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) continue;
    const files = fs.statSync(full).isDirectory() ? fs.readdirSync(full, { recursive: true }).map((f) => path.join(full, String(f))) : [full];
    for (const file of files) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
};

if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < newestSource()) {
  console.log('正在构建前端（首次启动或前端代码有更新）…');
  const result = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
