import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync, readdirSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

/** Encodings the build writes beside each asset (apps/web/vite.config.mjs), best first. */
const encodings = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
const assetTypes: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * Serves the built browser client from the same origin as the API: its files, and `index.html` for any
 * other page address so that the client's own routes survive a reload. Paths under the server's own
 * prefixes (`/api`, `/socket.io`, `/health`) are never answered here, whatever is in the folder.
 *
 * An asset the build also wrote compressed (`.br`, `.gz`) is sent compressed to a browser that accepts
 * it. Only these fixed files are compressed, never an API answer: compressing a response that holds
 * both a secret and something the requester chose can let the secret be guessed from the length.
 */
export function serveWebClient(app: INestApplication, directory: string, serverPrefixes: readonly string[]): boolean {
  const root = resolve(directory);
  const index = join(root, 'index.html');
  if (!existsSync(index)) return false;
  const files = express.static(root, {
    index: false,
    dotfiles: 'ignore',
    fallthrough: true,
    setHeaders: (response, path) => {
      // Vite names assets by content hash: they never change under a name. The page itself is always fetched afresh.
      response.setHeader('Cache-Control', path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      const encoding = encodings.find(({ suffix }) => path.endsWith(suffix));
      if (encoding) {
        response.setHeader('Content-Encoding', encoding.name);
        response.setHeader('Content-Type', assetTypes[extname(path.slice(0, -encoding.suffix.length))] ?? 'application/octet-stream');
      }
    },
  });
  const isServerPath = (path: string) => serverPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  const assets = join(root, 'assets');
  const compressed = new Set(existsSync(assets) ? readdirSync(assets).map((name) => `/assets/${name}`) : []);

  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isServerPath(request.path)) return next();
    if (request.path.startsWith('/assets/') && encodings.some(({ suffix }) => compressed.has(request.path + suffix))) {
      response.setHeader('Vary', 'Accept-Encoding');
      const accepted = acceptedEncodings(request.headers['accept-encoding']);
      const encoding = encodings.find(({ name, suffix }) => accepted.has(name) && compressed.has(request.path + suffix));
      if (encoding) request.url = `${request.path}${encoding.suffix}`;
    }
    files(request, response, () => {
      // A missing asset is a 404, not the page; only a page navigation falls back to the client.
      if (request.path.startsWith('/assets/') || !request.accepts('html')) return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    });
  });
  return true;
}

/** The encodings an `Accept-Encoding` header accepts (any with a quality above zero), by name. */
function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const quality = parameters.find((parameter) => parameter.startsWith('q='));
    if (name && (quality === undefined || Number(quality.slice(2)) > 0)) accepted.add(name);
  }
  return accepted;
}
