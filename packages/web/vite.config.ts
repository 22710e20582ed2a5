// The web app's build: React, the report worker as an ES module, and the
// gettext catalogues (`.po`) turned into the objects ttag loads. In
// development the API is proxied to a running `callboard start`.

import react from '@vitejs/plugin-react';
import { po } from 'gettext-parser';
import { defineConfig, type Plugin } from 'vite';

/** `import ru from './ru.po'`: the catalogue, parsed at build time. */
function gettext(): Plugin {
  return {
    name: 'callboard-gettext',
    transform(code, id) {
      if (!id.endsWith('.po')) return null;
      return { code: `export default ${JSON.stringify(po.parse(code))};`, map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), gettext()],
  resolve: { conditions: ['source'] },
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } } },
});
