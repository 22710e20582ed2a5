// Report data from the server, kept in the browser: a closed day's table
// (the server marks it immutable) is fetched once and read from the Cache
// API afterwards; today's is revalidated with its ETag. The cache is the
// signed-in user's own (its name carries the user and their scope), so
// nobody reads rows cached for another view.

export interface Loaded {
  readonly bytes: Uint8Array;
  readonly fromCache: boolean;
}

export class Loader {
  private cache: Promise<Cache | null> | null = null;

  constructor(private readonly cacheName: string) {}

  async table(path: string): Promise<Loaded> {
    // Opened once for every table of every report.
    this.cache ??=
      typeof caches === 'undefined' ? Promise.resolve(null) : caches.open(this.cacheName);
    const cache = await this.cache;
    const cached = cache ? await cache.match(path) : undefined;
    if (cached && /immutable/.test(cached.headers.get('cache-control') ?? ''))
      return { bytes: new Uint8Array(await cached.arrayBuffer()), fromCache: true };
    const etag = cached?.headers.get('etag');
    const res = await fetch(path, {
      credentials: 'same-origin',
      cache: 'no-store',
      headers: etag ? { 'if-none-match': etag } : {},
    });
    if (res.status === 304 && cached)
      return { bytes: new Uint8Array(await cached.arrayBuffer()), fromCache: true };
    if (!res.ok) throw new Error(`${path}: ${res.status} ${res.statusText}`);
    if (cache && res.headers.get('etag')) await cache.put(path, res.clone());
    return { bytes: new Uint8Array(await res.arrayBuffer()), fromCache: false };
  }
}

/** Every report cache but the current user's: dropped at sign-in and sign-out. */
export async function dropOtherCaches(keep: string | null): Promise<void> {
  if (typeof caches === 'undefined') return;
  for (const name of await caches.keys())
    if (name.startsWith('callboard-report') && name !== keep) await caches.delete(name);
}
