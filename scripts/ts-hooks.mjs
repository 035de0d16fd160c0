/**
 * TypeScript for Node without a loader thread: `node --import ./scripts/ts-hooks.mjs file.ts`. Synchronous
 * in-thread hooks (module.registerHooks) map an import of `./x.js` to `./x.ts` when only the latter exists
 * (the NodeNext convention the sources follow) and strip types with esbuild, the same transform tsx uses.
 * tsx's hooks run on a separate loader thread and ask it for every import; a test file's process spends
 * seconds there before its first test, and the suites start a process per file.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync, version as esbuildVersion } from 'esbuild';

// Transforms kept on disk by the source's digest: a suite starts a process per test file and each would strip the
// same few hundred files again (about 0.9 s of esbuild a process). A changed file has a new digest; nothing goes stale.
const cacheDir = path.join(import.meta.dirname, '..', 'node_modules', '.cache', 'fuban-ts', esbuildVersion);
fs.mkdirSync(cacheDir, { recursive: true });

const transform = (file) => {
  const source = fs.readFileSync(file, 'utf8');
  const cached = path.join(cacheDir, createHash('sha1').update(file).update('\0').update(source).digest('hex') + '.js');
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    const { code } = transformSync(source, { loader: 'ts', format: 'esm', target: 'node24', sourcemap: 'inline', sourcefile: file });
    // Written aside and renamed: two processes filling the same entry never leave a half-written file.
    const partial = `${cached}.${process.pid}`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, cached);
    return code;
  }
};

const isPath = (specifier) => specifier.startsWith('./') || specifier.startsWith('../') || specifier.startsWith('/') || specifier.startsWith('file:');

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.endsWith('.js') && isPath(specifier) && context.parentURL?.startsWith('file:')) {
      const typescript = new URL(specifier.slice(0, -3) + '.ts', context.parentURL);
      if (!typescript.pathname.includes('/node_modules/') && fs.existsSync(typescript)) return { url: typescript.href, format: 'module', shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/')) {
      return { format: 'module', source: transform(fileURLToPath(url)), shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});
