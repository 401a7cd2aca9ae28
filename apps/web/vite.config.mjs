import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repository = fileURLToPath(new URL('../..', import.meta.url));
const api = process.env.CASEROOM_API ?? 'http://127.0.0.1:3000';

/**
 * Writes each built script and stylesheet also compressed, with Brotli (`.br`) and gzip (`.gz`), once
 * at build time at the highest settings; the API sends whichever the browser accepts (edge/web-client.ts).
 */
function precompressAssets() {
  const brotli = promisify(brotliCompress);
  const gzipped = promisify(gzip);
  return {
    name: 'caseroom-precompress-assets',
    apply: 'build',
    async writeBundle(options, bundle) {
      const files = Object.keys(bundle).filter((name) => /^assets\/.*\.(js|css|svg)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const path = join(options.dir, name);
          const content = await readFile(path);
          await writeFile(`${path}.br`, await brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
          await writeFile(`${path}.gz`, await gzipped(content, { level: 9 }));
        }),
      );
    },
  };
}

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
  plugins: [react(), precompressAssets()],
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
