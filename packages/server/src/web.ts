// The web app's files (the Vite build of packages/web), served beside the
// API when the server is given their folder. Hashed assets are immutable;
// the page itself is revalidated, and every other path that is not the API
// gets the page too, so a reload on /calls opens the app there. The page
// runs under a policy that lets it load its own scripts, styles and worker
// and talk to its own origin only.

import fastifyStatic from '@fastify/static';
import type { App } from './context.js';
import { ApiError } from './errors.js';

export const APP_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export async function serveWebApp(app: App, root: string): Promise<void> {
  await app.register(fastifyStatic, { root, serve: false, index: false });
  app.get('/*', { schema: { hide: true }, config: { access: 'public' } }, async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/'))
      throw new ApiError('not_found', 'no such route');
    void reply.header('content-security-policy', APP_POLICY);
    if (path.startsWith('/assets/')) {
      void reply.header('cache-control', 'public, max-age=31536000, immutable');
      return reply.sendFile(path.slice(1), { cacheControl: false });
    }
    void reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  });
}
