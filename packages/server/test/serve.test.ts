// The server as `callboard start` runs it, from a configuration file: HTTPS
// (the session cookie is then Secure), the first admin from
// `server.adminPassword` or made and shown once, /metrics for a scraper
// with the bearer token and the ingest's figures, and health.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@callboard/config';
import { silentLog, type IngestMetrics } from '@callboard/ingest';
import { ensureFirstAdmin, serve, verifyPassword, type RunningServer } from '@callboard/server';
import { Store } from '@callboard/store';
import { DATABASE_KINDS, fresh, type TestDatabase } from '../../../test/support/databases.js';
import { TestClock } from './harness.js';

const dir = mkdtempSync(join(tmpdir(), 'callboard-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function https(
  url: string,
  method: string,
  body: string | undefined,
  headers: Record<string, string>,
  ca: string,
) {
  return new Promise<{
    status: number;
    headers: Record<string, string | string[] | undefined>;
    text: string;
  }>((resolve, reject) => {
    const req = request(url, { method, headers, ca }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const pbx1 = { connected: true, messages: 1000, protocolErrors: 0, reconnects: 2 };
const ingest: IngestMetrics = {
  servers: { pbx1 },
  journal: { messages: 1000, batches: 10, spooledBatches: 0, droppedMessages: 0, spoolBytes: 0 },
  tracker: { position: 9, messages: 990, parsedEntries: 0, calls: 12, intervals: 30, inFlight: 3 },
  lag: 10,
};

describe.each(DATABASE_KINDS)('serve on %s', (kind) => {
  let database: TestDatabase;
  let store: Store;
  let server: RunningServer;
  let cert: string;
  const clock = new TestClock();
  const live = { messages: 1000 };

  beforeAll(async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
    const file = join(dir, 'callboard.yaml');
    writeFileSync(
      file,
      'server:\n  host: 127.0.0.1\n  adminPassword: { env: CB_ADMIN }\n  metricsToken: { env: CB_SCRAPE }\n  tls: { cert: cert.pem, key: key.pem }\n',
    );
    const config = loadConfig(file, {
      PORT: '0',
      CB_ADMIN: 'the first password',
      CB_SCRAPE: 'scrape-token',
    });
    database = await fresh(kind);
    store = await Store.open({ url: database.url });
    server = await serve(config, {
      store,
      log: silentLog,
      clock: clock.read,
      metrics: {
        ingest: () => ({ ...ingest, servers: { pbx1: { ...pbx1, messages: live.messages } } }),
      },
    });
  });
  afterAll(async () => {
    await server.close();
    await store.close();
    await database.drop();
  });

  it('made the first admin with the configured password, and printed none', async () => {
    expect(server.firstAdmin).toEqual({ login: 'admin', generatedPassword: undefined });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const admin = await store.users.byLogin('admin');
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword('the first password', admin?.passwordHash ?? '')).toBe(true);
    expect(await ensureFirstAdmin(store, clock.read, undefined)).toBeUndefined();
  });

  it('sets a Secure cookie over HTTPS', async () => {
    const a = await https(
      `${server.url}/api/login`,
      'POST',
      JSON.stringify({ login: 'admin', password: 'the first password' }),
      { 'content-type': 'application/json' },
      cert,
    );
    expect(a.status).toBe(200);
    const cookie = [a.headers['set-cookie'] ?? []].flat().join('\n');
    expect(cookie).toMatch(
      /callboard_session=[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax/,
    );
  });

  it('lets a scraper with the bearer token read the metrics, and no one without', async () => {
    const none = await https(`${server.url}/metrics`, 'GET', undefined, {}, cert);
    expect(none.status).toBe(401);
    const wrong = await https(
      `${server.url}/metrics`,
      'GET',
      undefined,
      { authorization: 'Bearer nope' },
      cert,
    );
    expect(wrong.status).toBe(401);
    const first = await https(
      `${server.url}/metrics`,
      'GET',
      undefined,
      { authorization: 'Bearer scrape-token' },
      cert,
    );
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/plain/);
    for (const line of [
      'callboard_ami_messages_total{server="pbx1"} 1000',
      'callboard_ami_connected{server="pbx1"} 1',
      'callboard_ami_reconnects_total{server="pbx1"} 2',
      'callboard_journal_lag_messages 10',
      'callboard_tracker_in_flight_calls 3',
      'callboard_websocket_clients 0',
    ])
      expect(first.text).toContain(line);
    live.messages += 500;
    clock.advance(10_000);
    const second = await https(
      `${server.url}/metrics`,
      'GET',
      undefined,
      { authorization: 'Bearer scrape-token' },
      cert,
    );
    expect(second.text).toContain('callboard_ami_events_per_second{server="pbx1"} 50');
  });

  it('answers health without a session', async () => {
    const a = await https(`${server.url}/api/health`, 'GET', undefined, {}, cert);
    expect([a.status, JSON.parse(a.text)]).toEqual([200, { status: 'ok', database: 'ok' }]);
  });
});

describe('the first admin without a configured password', () => {
  it('is made with a password shown once, on an empty database only', async () => {
    const store = await Store.open({});
    try {
      const clock = new TestClock();
      const first = await ensureFirstAdmin(store, clock.read, undefined);
      expect(first?.generatedPassword).toMatch(/^[\w-]{20}$/);
      const hash = (await store.users.byLogin('admin'))?.passwordHash ?? '';
      expect(hash).not.toContain(first?.generatedPassword ?? '-');
      expect(await verifyPassword(first?.generatedPassword ?? '', hash)).toBe(true);
      expect(await ensureFirstAdmin(store, clock.read, undefined)).toBeUndefined();
      expect(
        (await store.audit.read({ limit: 5 })).map((e) => [e.actor, e.action, e.result]),
      ).toEqual([['system', 'user.add', 'ok']]);
    } finally {
      await store.close();
    }
  });
});
