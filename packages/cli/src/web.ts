// The web server beside the ingest in `callboard start`: on the ingest's
// store, with its metrics. The server failing to start (a port in use) is
// loud but does not stop the collecting: calls go on being journaled and
// stored, which matters more than the screens.

import type { Writable } from 'node:stream';
import type { Config } from '@callboard/config';
import type { Ingest, Log } from '@callboard/ingest';
import { serve, type LiveSource, type RunningServer } from '@callboard/server';
import { webRoot } from './web-root.js';

export async function startWeb(
  config: Config,
  ingest: Ingest,
  log: Log,
  out: Writable,
  live?: LiveSource,
): Promise<RunningServer | undefined> {
  let server: RunningServer;
  const root = webRoot();
  if (root === undefined)
    out.write('callboard: the web app is not built (npm run build); serving the API only\n');
  try {
    server = await serve(config, {
      store: ingest.store,
      log,
      metrics: { ingest: () => ingest.metrics },
      options: {
        // Actions on Asterisk go through the collectors; directory edits reach the tracker.
        actions: ingest.actions(),
        ...(live ? { live } : {}),
        onDirectoryChange: () => ingest.reloadDirectory(),
        ...(root === undefined ? {} : { webRoot: root }),
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log.error(
      { err: error, host: config.server.host, port: config.server.port },
      'the web server did not start; collecting goes on without it',
    );
    out.write(`callboard: the web server did not start (${reason}); collecting goes on\n`);
    return undefined;
  }
  out.write(`callboard: web server on ${server.url}\n`);
  const first = server.firstAdmin;
  if (first)
    out.write(
      first.generatedPassword === undefined
        ? `callboard: first start: made the user "${first.login}" (admin) with server.adminPassword\n`
        : `callboard: first start: made the user "${first.login}" (admin), password ${first.generatedPassword} — shown once; change it with: callboard user passwd ${first.login}\n`,
    );
  out.write(
    root === undefined
      ? `callboard: sign in with POST ${server.url}/api/login {"login":…,"password":…}; the API is described at ${server.url}/api/openapi.json\n`
      : `callboard: open ${server.url}/ in a browser and sign in; the API is described at ${server.url}/api/openapi.json\n`,
  );
  return server;
}
