// Where the web app's build is: packages/web/dist, found through the
// workspace package, so it holds wherever the repository is. Undefined
// when the app has not been built (the API is served all the same).

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function webRoot(): string | undefined {
  let manifest: string;
  try {
    manifest = createRequire(import.meta.url).resolve('@callboard/web/package.json');
  } catch {
    return undefined;
  }
  const root = join(dirname(manifest), 'dist');
  return existsSync(join(root, 'index.html')) ? root : undefined;
}
