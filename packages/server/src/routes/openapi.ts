// GET /api/openapi.json: the API described from the routes' own schemas.

import type { App } from '../context.js';

export function openapiRoute(app: App): void {
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'public' } }, () =>
    app.swagger(),
  );
}
