/**
 * TypeScript for Node without a loader thread: `node --import ./scripts/ts-hooks.mjs file.ts`. Synchronous
 * in-thread hooks (module.registerHooks) map an import of `./x.js` to `./x.ts` when only the latter exists
 * (the NodeNext convention the sources follow) and strip types with esbuild, the same transform tsx uses.
 * tsx's hooks run on a separate loader thread and ask it for every import; a test file's process spends
 * seconds there before its first test, and the suites start a process per file.
 */
import fs from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

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
      const file = fileURLToPath(url);
      const { code } = transformSync(fs.readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'node24', sourcemap: 'inline', sourcefile: file });
      return { format: 'module', source: code, shortCircuit: true };
    }
    return nextLoad(url, context);
  },
});
