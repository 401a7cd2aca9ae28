import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { AppConfig } from '../config/app-config';

/**
 * Security headers for every answer. The Content-Security-Policy admits scripts, styles, images and
 * connections from Caseroom's own origin only: no inline script and no inline style anywhere the web
 * client runs. The web client sets styles only through the DOM's style properties, which a policy does
 * not govern; a `<style>` element or a `style` attribute put into the page by anything else is refused.
 *
 * The API documents (Swagger UI, at `docsPath`) are a page of their own that ships inline styles: only
 * there are inline styles allowed. They hold no case content, and scripts stay same-origin there too.
 */
export function securityHeaders(config: Pick<AppConfig, 'publicUrl'>, docsPath: string) {
  const upgradeInsecureRequests = config.publicUrl?.startsWith('https:') ? [] : null;
  const withStyles = (styleSrc: string[]) =>
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          styleSrc,
          connectSrc: ["'self'"],
          upgradeInsecureRequests,
        },
      },
      crossOriginEmbedderPolicy: false,
    });
  const everywhere = withStyles(["'self'"]);
  const onDocs = withStyles(["'self'", "'unsafe-inline'"]);
  return (request: Request, response: Response, next: NextFunction) => {
    const isDocs = request.path === docsPath || request.path.startsWith(`${docsPath}/`);
    return (isDocs ? onDocs : everywhere)(request, response, next);
  };
}
