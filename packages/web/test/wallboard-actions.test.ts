// The wallboard's actions in Chromium against the whole running system:
// the simulator plays Asterisk (queues support and sales; it answers
// QueuePause, QueueAdd and QueueRemove as Asterisk does), the real ingest
// collects it and its tracker's live changes feed the server, as
// `callboard start` wires them. A supervisor with the rights pauses an
// operator (for a reason of the directory's, then for none), adds them to a
// queue and removes them, and sees each come back over the live feed; one
// without the rights, and an operator, see no buttons; a refusal of
// Asterisk shows as the API gave it.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '@callboard/config';
import { Ingest, silentLog } from '@callboard/ingest';
import { buildApp, LiveRelay } from '@callboard/server';
import {
  AmiServer,
  GeneratorFeed,
  Simulation,
  defaultGeneratorConfig,
  type GeneratorConfig,
} from '@callboard/simulator';
import { addUsers, ARTIFACTS, launchChromium, signIn, WEB_ROOT, type TestUser } from './browser.ts';

const USER = 'callboard';
const SECRET = 'simulated secret';
const ANN = 'SIP/101';

/** Ann (SIP/101) and Bob (SIP/102) in support, Bob in sales too; no calls arrive on their own. */
function center(): GeneratorConfig {
  const base = defaultGeneratorConfig();
  const always = { start: 0, end: 0 };
  const ops = base.operators.slice(0, 2).map((o) => ({ ...o, shift: always, pausesPerHour: 0 }));
  const [first, second] = base.queues;
  if (first === undefined || second === undefined) throw new Error('no queues');
  const none = Array.from({ length: 24 }, () => 0);
  const member = (o: (typeof ops)[number]) => ({
    operator: o.extension,
    penalty: 0,
    kind: 'device' as const,
    membership: 'dynamic' as const,
  });
  return {
    ...base,
    operators: ops,
    queues: [
      { ...first, name: 'support', arrivals: none, members: ops.map(member) },
      { ...second, name: 'sales', arrivals: none, members: ops.slice(1).map(member) },
    ],
    outbound: { ...base.outbound, arrivals: none },
    internal: { ...base.internal, arrivals: none },
  };
}

const USERS: readonly TestUser[] = [
  // `billing` is in her scope but not on the PBX: Asterisk refuses to add anyone to it.
  {
    login: 'sup',
    role: 'supervisor',
    queues: ['support', 'sales', 'billing'],
    rights: ['pause-others', 'change-membership'],
  },
  { login: 'viewer', role: 'supervisor', queues: ['support', 'sales'] },
  { login: 'ann', role: 'operator' },
];

describe('wallboard actions on a simulated PBX', () => {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-web-actions-'));
  const dialogs: string[] = [];
  let pbx: AmiServer;
  let ingest: Ingest;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let browser: Browser;
  let url = '';

  beforeAll(async () => {
    const simulation = new Simulation({
      config: center(),
      seed: 7,
      startMs: Date.UTC(2026, 2, 2, 10),
    });
    // A clock that stands still: only the actions move the simulation.
    const feed = new GeneratorFeed({ simulation, clock: () => 1_000_000 });
    pbx = new AmiServer({ users: { [USER]: SECRET }, handlers: feed.handlers() });
    feed.attach(pbx);
    await pbx.listen(0);
    const file = join(dir, 'callboard.yaml');
    writeFileSync(
      file,
      [
        'database:',
        `  data: ${join(dir, 'data')}`,
        'stations:',
        '  main:',
        '    servers:',
        '      pbx1:',
        '        host: 127.0.0.1',
        `        port: ${pbx.port}`,
        `        username: ${USER}`,
        `        secret: ${SECRET}`,
        'journal:',
        '  batchMs: 10',
        'tracker:',
        '  directory:',
        '    - { name: Ann, devices: [SIP/101] }',
        '    - { name: Bob, devices: [SIP/102] }',
        '',
      ].join('\n'),
    );
    const relay = new LiveRelay();
    ingest = await Ingest.start(loadConfig(file, {}), silentLog, { onLive: relay.push });
    relay.from(() => ingest.live());
    const store = ingest.store;
    // The directory's queues (what the actions accept and the wallboard lists).
    for (const name of ['support', 'sales', 'billing'])
      await store.directoryEdits.addQueue({
        station: 'main',
        name,
        timezone: null,
        serviceLevelSeconds: 20,
      });
    // A pause reason the supervisor may pick: the code goes to Asterisk, the label to people.
    const lunch = await store.directoryEdits.addPauseReason({ code: 'lunch', label: 'Lunch' });
    if (lunch.refused !== null) throw new Error(`pause reason: ${lunch.refused}`);
    await addUsers(
      store,
      USERS,
      (await store.operatorRefs()).find((o) => o.key === ANN)?.id ?? null,
    );
    app = await buildApp({
      store,
      log: silentLog,
      webRoot: WEB_ROOT,
      live: relay,
      actions: ingest.actions(),
      onDirectoryChange: () => ingest.reloadDirectory(),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser.close();
    await app.close();
    await ingest.stop();
    await pbx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const wallboard = async (login: string): Promise<Page> => {
    const page = await signIn(browser, url, login, dialogs);
    await page.goto(`${url}/live`);
    await page.getByRole('status').filter({ hasText: 'live' }).waitFor();
    return page;
  };
  const row = (page: Page, operator: string) =>
    page.locator(`[data-testid="operators-board"] tr[data-operator="${operator}"]`);
  /** The row's Reason cell (the third: operator, state, reason). */
  const reasonCell = (page: Page, operator: string) => row(page, operator).locator('td').nth(2);
  const chip = (page: Page, operator: string, queue: string) =>
    row(page, operator).locator(`.chip[data-queue="${queue}"]`);

  it('a supervisor with the rights pauses, adds and removes; each comes back live', async () => {
    const page = await wallboard('sup');
    const ann = row(page, ANN);
    await chip(page, ANN, 'support').waitFor();
    await expect.poll(() => ann.getAttribute('data-state')).toBe('idle');
    const support = page.locator('.queue-card[data-queue="support"] [data-testid="queue-agents"]');
    await expect.poll(() => support.locator('[data-state="idle"] b').textContent()).toBe('2');

    // The directory's reasons by label, none first; the code is what Asterisk is sent.
    const why = ann.getByRole('combobox', { name: 'Pause reason' });
    expect(await why.locator('option').allTextContents()).toEqual(['no reason', 'Lunch']);
    await why.selectOption({ label: 'Lunch' });
    await ann.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => ann.getAttribute('data-state')).toBe('paused');
    await expect.poll(() => chip(page, ANN, 'support').getAttribute('data-paused')).toBe('true');
    await expect.poll(() => support.locator('[data-state="paused"] b').textContent()).toBe('1');
    // QueueMemberPause came back with PausedReason: the row and its chip show it.
    await expect.poll(() => reasonCell(page, ANN).textContent()).toBe('lunch');
    await expect.poll(() => chip(page, ANN, 'support').textContent()).toContain('lunch');
    await ann.getByRole('button', { name: 'Unpause', exact: true }).waitFor();
    expect(await why.count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, 'wallboard-actions.png'), fullPage: true });

    await ann.getByRole('button', { name: 'Unpause', exact: true }).click();
    await expect.poll(() => ann.getAttribute('data-state')).toBe('idle');
    await expect.poll(() => reasonCell(page, ANN).textContent()).toBe('');

    // Left at "no reason", the pause goes without one.
    expect(await why.inputValue()).toBe('');
    await ann.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => ann.getAttribute('data-state')).toBe('paused');
    expect(await reasonCell(page, ANN).textContent()).toBe('');
    await ann.getByRole('button', { name: 'Unpause', exact: true }).click();
    await expect.poll(() => ann.getAttribute('data-state')).toBe('idle');

    const add = ann.getByRole('combobox', { name: 'Add to a queue' });
    await add.selectOption('sales');
    await chip(page, ANN, 'sales').waitFor();
    await ann.getByRole('button', { name: 'Remove from sales' }).click();
    await expect.poll(() => chip(page, ANN, 'sales').count()).toBe(0);

    // Asterisk has no queue billing: its refusal shows as the API gave it.
    await add.selectOption('billing');
    await expect.poll(() => ann.getByRole('alert').textContent()).toMatch(/No such queue/);
    await page.context().close();
  });

  it('a supervisor without the rights, and an operator, see no buttons', async () => {
    for (const login of ['viewer', 'ann']) {
      const page = await wallboard(login);
      await row(page, ANN).waitFor();
      expect(await page.locator('[data-testid="operators-board"] button').count()).toBe(0);
      expect(await page.locator('[data-testid="operators-board"] select').count()).toBe(0);
      await page.context().close();
    }
    expect(dialogs).toEqual([]);
  });
});
