/**
 * Vite config for the web app. Run from the repo root:
 * `vite build --config web/vite.config.ts` writes web/dist, which the server serves.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { precompressDirectory } from '../scripts/precompress.js';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
// Where `vite` (dev) and `vite preview` send /api; the server's default port unless told otherwise.
const apiTarget = process.env.FUBAN_API_URL ?? 'http://127.0.0.1:3000';

/** After the build: .br and .gz beside each asset, which the server sends as they are. */
const precompress = (): Plugin => ({
  name: 'fuban-precompress',
  apply: 'build',
  writeBundle: (options) => {
    if (options.dir) precompressDirectory(options.dir);
  },
});

export default defineConfig({
  root: webRoot,
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // React and the router are on every page and change rarely: their own chunk survives app releases.
          // antd and the other libraries are NOT one group: a group is loaded whole by every route, and
          // antd's components (tree-shaken ES modules) then travel with the pages that use them, so
          // signing in to 待办 does not fetch the date pickers, trees and uploads of other pages
          // (`npm run bundle:size`).
          groups: [{ name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: apiTarget } },
  },
  preview: {
    port: 4173,
    proxy: { '/api': { target: apiTarget } },
  },
});
