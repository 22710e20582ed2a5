// The system as a browser meets it: every shared trace imported through
// the whole pipeline (`callboard import-traces`), users of each kind, the
// server with the built web app on a real port, and Debian's Chromium
// driven by playwright-core. Screenshots go to artifacts/web/.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLog } from '@callboard/ingest';
import { buildApp, hashPassword, LiveRelay } from '@callboard/server';
import { Store, type Right, type Role } from '@callboard/store';
import type { CallRecord } from '@callboard/tracker';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot, tracesDir } from '../../../test/support/traces.js';

export const PASSWORD = 'correct horse battery';
export const ARTIFACTS = join(repoRoot, 'artifacts/web');
export const WEB_ROOT = join(repoRoot, 'packages/web/dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A caller name that would run script if it were ever treated as markup. */
export const EVIL_NAME = '<img src=x onerror=alert(1)>';

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** The value with every ISO time in it, however deep, moved by `ms`. */
function shiftTimes<T>(value: T, ms: number): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && ISO_TIME.test(v))
      return new Date(Date.parse(v) + ms).toISOString();
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null)
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/** Debian's Chromium, headless. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/**
 * A new page of the server at `url`, signed in as the user (password
 * PASSWORD), in English, in UTC (or the zone given); every dialog it opens
 * is kept in `dialogs`.
 */
export async function signIn(
  browser: Browser,
  url: string,
  login: string,
  dialogs: string[],
  zone = 'UTC',
): Promise<Page> {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: zone,
    viewport: { width: 1400, height: 900 },
  });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

export interface TestUser {
  readonly login: string;
  readonly role: Role;
  readonly queues?: readonly string[];
  readonly rights?: readonly Right[];
}

/** The users, each with PASSWORD; an operator user is `operatorId`. */
export async function addUsers(
  store: Store,
  users: readonly TestUser[],
  operatorId: number | null,
): Promise<void> {
  const hash = await hashPassword(PASSWORD);
  for (const u of users)
    await store.users.add(
      {
        login: u.login,
        displayName: u.login,
        passwordHash: hash,
        role: u.role,
        operatorId: u.role === 'operator' ? operatorId : null,
        queues: [...(u.queues ?? [])],
        rights: [...(u.rights ?? [])],
      },
      new Date(),
    );
}

export class System {
  /** Every alert, confirm or prompt any page opened: there must be none. */
  readonly dialogs: string[] = [];

  private constructor(
    readonly store: Store,
    readonly app: Awaited<ReturnType<typeof buildApp>>,
    readonly url: string,
    readonly browser: Browser,
    private readonly data: string,
    /** What the tracker would say live: the tests push its effects here. */
    readonly live: LiveRelay,
  ) {}

  static async start(users: readonly TestUser[]): Promise<System> {
    if (!existsSync(join(WEB_ROOT, 'index.html')))
      throw new Error('packages/web/dist is missing: run `npm run build` first');
    const data = mkdtempSync(join(tmpdir(), 'callboard-web-'));
    const folders = readdirSync(tracesDir)
      .map((f) => join(tracesDir, f))
      .filter((f) => statSync(f).isDirectory());
    const imported = spawnSync(
      process.execPath,
      [join(repoRoot, 'bin/callboard.js'), 'import-traces', '--data', data, ...folders],
      { encoding: 'utf8', env: { ...process.env, DATABASE_URL: undefined } },
    );
    if (imported.status !== 0) throw new Error(`import-traces failed:\n${imported.stderr}`);
    const store = await Store.open({ dataDir: data });
    // An operator user is one of the operators the traces brought.
    await addUsers(store, users, (await store.operatorRefs())[0]?.id ?? null);
    const live = new LiveRelay();
    const app = await buildApp({ store, log: silentLog, webRoot: WEB_ROOT, live });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as AddressInfo).port;
    const browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
    return new System(store, app, `http://127.0.0.1:${port}`, browser, data, live);
  }

  /** A copy of a stored call under a new id, its caller named `name`. */
  async storeRenamed(call: CallRecord, id: string, name: string): Promise<CallRecord> {
    const copy: CallRecord = { ...call, id, from: { ...call.from, name } };
    await this.store.writeDerived({ calls: [copy], intervals: [] });
    return copy;
  }

  /**
   * A copy of a stored call under a new id, every time in it moved by the
   * same amount so that its first queue visit joins at `joinedAt`, and
   * every visit in `queue`.
   */
  async storeMoved(
    call: CallRecord,
    id: string,
    to: { readonly joinedAt: number; readonly queue: string },
  ): Promise<CallRecord> {
    const first = call.queueVisits[0];
    if (!first) throw new Error(`call ${call.id} has no queue visit`);
    const by = to.joinedAt - Date.parse(first.joinedAt);
    const moved = shiftTimes(call, by);
    const copy: CallRecord = {
      ...moved,
      id,
      queueVisits: moved.queueVisits.map((v) => ({ ...v, queue: to.queue })),
    };
    await this.store.writeDerived({ calls: [copy], intervals: [] });
    return copy;
  }

  /** A page signed in as the user, in English, in UTC (or the zone given). */
  signedIn(login: string, zone = 'UTC'): Promise<Page> {
    return signIn(this.browser, this.url, login, this.dialogs, zone);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.app.close();
    await this.store.close();
    rmSync(this.data, { recursive: true, force: true });
  }
}
