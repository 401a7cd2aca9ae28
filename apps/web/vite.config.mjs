import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repository = fileURLToPath(new URL('../..', import.meta.url));
const api = process.env.CASEROOM_API ?? 'http://127.0.0.1:3000';

/**
 * The browser client. `npm run build` writes it to dist/web, which the API serves from the same origin;
 * `npm run dev:web` serves it with hot reload and passes /api, /health and the live channel to the API.
 */
export default defineConfig({
  root,
  base: '/',
  publicDir: false,
  resolve: {
    alias: {
      '@caseroom/contracts': `${repository}libs/contracts/src/index.ts`,
      '@caseroom/domain': `${repository}libs/domain/src/index.ts`,
    },
    // One copy of Yjs: the editor binding and the notes provider must share its types.
    dedupe: ['yjs', 'y-protocols', 'lib0', 'prosemirror-state', 'prosemirror-view', 'prosemirror-model'],
  },
  // React Fast Refresh in development: an edited component is swapped in place, so the page (and the
  // sign-in, whose tokens live only in memory) survives the edit.
  plugins: [react()],
  build: {
    outDir: `${repository}dist/web`,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    fs: { allow: [repository] },
    proxy: {
      '/api': { target: api },
      '/health': { target: api },
      '/socket.io': { target: api, ws: true },
    },
  },
});
