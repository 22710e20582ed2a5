// The web app's files beside the API: the page for any path that is not
// the API, hashed assets cached for good, the page revalidated, a policy
// that lets the page run its own code only, and nothing outside the folder.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';

const PAGE =
  '<!doctype html><title>Callboard</title><script type="module" src="/assets/app-1.js"></script>';

describe('the web app served beside the API', () => {
  let h: Harness;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'callboard-webroot-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), PAGE);
    writeFileSync(join(root, 'assets/app-1.js'), 'console.log(1);');
    writeFileSync(join(tmpdir(), 'callboard-outside.txt'), 'secret');
    h = await Harness.start('pglite', { webRoot: root });
  });
  afterAll(async () => {
    await h.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'callboard-outside.txt'), { force: true });
  });

  it('serves the page at / and at any app path, revalidated, under its own policy', async () => {
    for (const path of ['/', '/calls', '/calls/main%2Fpbx1%2F1']) {
      const res = await fetch(h.url + path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toBe(PAGE);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  it('serves hashed assets as immutable', async () => {
    const res = await fetch(`${h.url}/assets/app-1.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe('console.log(1);');
    expect((await fetch(`${h.url}/assets/missing.js`)).status).toBe(404);
  });

  it('keeps unknown API paths JSON errors, and nothing outside the folder is reachable', async () => {
    const api = await fetch(`${h.url}/api/no-such-thing`);
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('not_found');
    for (const path of [
      '/assets/..%2f..%2fcallboard-outside.txt',
      '/assets/%2e%2e/%2e%2e/callboard-outside.txt',
    ]) {
      const res = await fetch(h.url + path);
      expect(await res.text()).not.toContain('secret');
    }
  });
});
