import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Serves the built browser client from the same origin as the API: its files, and `index.html` for any
 * other page address so that the client's own routes survive a reload. Paths under the server's own
 * prefixes (`/api`, `/socket.io`, `/health`) are never answered here, whatever is in the folder.
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
    },
  });
  const isServerPath = (path: string) => serverPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));

  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isServerPath(request.path)) return next();
    files(request, response, () => {
      // A missing asset is a 404, not the page; only a page navigation falls back to the client.
      if (request.path.startsWith('/assets/') || !request.accepts('html')) return next();
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index);
    });
  });
  return true;
}
