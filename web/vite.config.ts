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
    // antd alone is ~1 MB minified; split vendors so app releases do not invalidate them.
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Only the 领导驾驶舱 draws charts: ECharts stays in a chunk of its own, loaded with that page.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 4 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 3 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
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
