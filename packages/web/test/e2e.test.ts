// The web app in real Chromium against the running system fed by every
// shared trace: the call log agrees with the stored calls, the long call's
// timeline shows every ring, a supervisor sees only their queues, a hostile
// caller name stays text, a day of operators' states keeps the stored talking
// time, and Russian replaces every English string.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { po } from 'gettext-parser';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import type { CallRecord, QueueWaiting } from '@callboard/tracker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../test/support/traces.js';
import { ARTIFACTS, EVIL_NAME, System } from './browser.js';

const LONG_CALLER = '79871234513';

let system: System;
let calls: CallRecord[];
/** The calls' first and last day (UTC), as the call log's period. */
let period: { from: string; to: string };

beforeAll(async () => {
  system = await System.start([
    { login: 'boss', role: 'admin' },
    { login: 'sup', role: 'supervisor', queues: ['sales'] },
    { login: 'ann', role: 'operator' },
  ]);
  const stored = await system.store.calls({});
  const first = stored[0];
  if (!first) throw new Error('the traces gave no calls');
  await system.storeRenamed(first, `${first.id}-evil`, EVIL_NAME);
  calls = await system.store.calls({});
  const days = calls.map((c) => c.startedAt.slice(0, 10)).sort();
  period = { from: days[0] ?? '', to: days.at(-1) ?? '' };
}, 300_000);

afterAll(async () => {
  await system?.close();
});

function shiftDay(day: string, by: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
}

async function openLog(page: Page): Promise<number> {
  await page.goto(`${system.url}/calls?from=${period.from}&to=${period.to}`);
  const count = page.locator('.count');
  await count.waitFor();
  return Number(await count.getAttribute('data-count'));
}

describe('the web app in Chromium', () => {
  it('lists every stored call of the period in the call log', async () => {
    const page = await system.signedIn('boss');
    expect(await openLog(page)).toBe(calls.length);
    await page.screenshot({ path: join(ARTIFACTS, 'call-log.png'), fullPage: true });
    await page.context().close();
  });

  it("opens the long unanswered call's timeline with every ring on it", async () => {
    const page = await system.signedIn('boss');
    await openLog(page);
    await page.getByLabel('Number or name').fill(LONG_CALLER);
    await expect.poll(() => page.locator('.count').getAttribute('data-count')).toBe('1');
    await page.locator('.call-row').first().click();
    await page.locator('.timeline').waitFor();
    const long = calls.find((c) => c.from.number === LONG_CALLER);
    const rings = long?.queueVisits.flatMap((v) => v.attempts) ?? [];
    expect(rings.length).toBeGreaterThan(30);
    expect(await page.locator('.timeline rect.span-ring').count()).toBe(rings.length);
    const agents = new Set(rings.map((a) => a.operator ?? a.interface));
    expect(await page.locator('.lane[data-lane="operator"]').count()).toBe(agents.size);
    expect(await page.locator('.lane[data-lane="queue"]').count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-long-call.png'), fullPage: true });
    await page.context().close();
  });

  it('shows a hostile caller name as text', async () => {
    const page = await system.signedIn('boss');
    await openLog(page);
    await page.getByLabel('Number or name').fill('<img');
    await expect.poll(() => page.locator('.count').getAttribute('data-count')).toBe('1');
    const cell = page.locator('.call-row .caller').first();
    expect(await cell.textContent()).toContain(EVIL_NAME);
    expect(await page.locator('.rows img').count()).toBe(0);
    await cell.click();
    await page.locator('.timeline').waitFor();
    expect(await page.locator('h2 .caller').textContent()).toBe(EVIL_NAME);
    expect(await page.locator('main img').count()).toBe(0);
    expect(system.dialogs).toEqual([]);
    await page.context().close();
  });

  it('gives a supervisor only the calls of their queues, cut to them', async () => {
    const page = await system.signedIn('sup');
    const shown = await openLog(page);
    const inScope = calls.filter((c) => c.queueVisits.some((v) => v.queue === 'sales'));
    expect(inScope.length).toBeGreaterThan(0);
    expect(shown).toBe(inScope.length);
    const queueCells = await page.locator('.call-row span:nth-child(5)').allTextContents();
    expect(queueCells.length).toBeGreaterThan(0);
    for (const text of queueCells) expect(text).toBe('sales');
    await page.context().close();
  });

  it('computes the queue summary in the browser and it agrees with the stored calls', async () => {
    const page = await system.signedIn('boss');
    const from = shiftDay(period.from, -1);
    const to = shiftDay(period.to, 1);
    await page.goto(`${system.url}/reports?report=queues&from=${from}&to=${to}`);
    const total = page.locator('[data-testid="queue-summary"] tfoot');
    await page.locator('[data-testid="queue-summary"], .reports [role="alert"]').first().waitFor();
    expect(await page.locator('.reports [role="alert"]').allTextContents()).toEqual([]);
    const cell = async (col: string): Promise<number> =>
      Number(
        ((await total.locator(`td[data-col="${col}"]`).textContent()) ?? '').replace(/\D/g, ''),
      );
    const visits = calls.flatMap((c) => c.queueVisits);
    expect(await cell('offered')).toBe(visits.length);
    expect(await cell('answered')).toBe(visits.filter((v) => v.outcome === 'answered').length);
    expect(await cell('abandoned')).toBe(
      visits.filter((v) => v.outcome === 'abandoned' && v.waitMs >= 5000).length,
    );
    expect(await cell('short')).toBe(
      visits.filter((v) => v.outcome === 'abandoned' && v.waitMs < 5000).length,
    );
    expect(await cell('timeout')).toBe(visits.filter((v) => v.outcome === 'timeout').length);
    // Per queue, the same.
    const rows = page.locator('[data-testid="queue-summary"] tbody tr');
    const queues = [...new Set(visits.map((v) => v.queue))].sort();
    expect(await rows.count()).toBe(queues.length);
    for (const q of queues) {
      const row = rows.filter({
        has: page.locator(`td[data-col="queue"]`, { hasText: new RegExp(`^${q}$`) }),
      });
      const offered = Number(await row.locator('td[data-col="offered"]').textContent());
      expect(offered, q).toBe(visits.filter((v) => v.queue === q).length);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'report-queues.png'), fullPage: true });
    await page.context().close();
  });

  it('filters a report by operator', async () => {
    const answered = calls
      .flatMap((c) => c.queueVisits)
      .filter((v) => v.outcome === 'answered' && v.answeredBy?.operator != null);
    const counts = new Map<string, number>();
    for (const v of answered) {
      const op = v.answeredBy?.operator ?? '';
      counts.set(op, (counts.get(op) ?? 0) + 1);
    }
    const [busiest, expected] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
    const page = await system.signedIn('boss');
    const from = shiftDay(period.from, -1);
    const to = shiftDay(period.to, 1);
    await page.goto(`${system.url}/reports?report=queues&from=${from}&to=${to}`);
    await page.locator('[data-testid="queue-summary"]').waitFor();
    await page.getByLabel('Operator').selectOption(busiest);
    const total = page.locator('[data-testid="queue-summary"] tfoot td[data-col="answered"]');
    await expect.poll(() => total.textContent()).toBe(String(expected));
    await page.context().close();
  });

  it('computes operator performance in the browser, answered calls as stored', async () => {
    const page = await system.signedIn('boss');
    const from = shiftDay(period.from, -1);
    const to = shiftDay(period.to, 1);
    await page.goto(`${system.url}/reports?report=operators&from=${from}&to=${to}`);
    const table = page.locator('[data-testid="operators"]');
    await page.locator('[data-testid="operators"], .reports [role="alert"]').first().waitFor();
    expect(await page.locator('.reports [role="alert"]').allTextContents()).toEqual([]);
    const answered = await table.locator('tbody td[data-col="answered"]').allTextContents();
    const sum = answered.reduce((n, x) => n + Number(x.replace(/\D/g, '')), 0);
    const stored = calls
      .flatMap((c) => c.queueVisits)
      .filter((v) => v.outcome === 'answered' && v.answeredBy?.operator != null).length;
    expect(sum).toBe(stored);
    await page.screenshot({ path: join(ARTIFACTS, 'report-operators.png'), fullPage: true });
    await page.context().close();
  });

  it("reads a month of sums in blocks of days, and on India's clock by its own hours", async () => {
    const visits = calls.flatMap((c) => c.queueVisits);
    const answered = visits.filter(
      (v) => v.outcome === 'answered' && v.answeredBy?.operator != null,
    ).length;
    const from = shiftDay(period.from, -31);
    const to = shiftDay(period.to, 1);
    for (const zone of ['UTC', 'Asia/Kolkata']) {
      const page = await system.signedIn('boss', zone);
      const asked: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/report/')) asked.push(r.url());
      });
      await page.goto(`${system.url}/reports?report=operators&from=${from}&to=${to}`);
      const table = page.locator('[data-testid="operators"]');
      await page.locator('[data-testid="operators"], .reports [role="alert"]').first().waitFor();
      expect(await page.locator('.reports [role="alert"]').allTextContents()).toEqual([]);
      const cells = await table.locator('tbody td[data-col="answered"]').allTextContents();
      expect(
        cells.reduce((n, x) => n + Number(x.replace(/\D/g, '')), 0),
        zone,
      ).toBe(answered);
      // The closed days came in a few blocks, not a table a day; India's
      // hours (UTC+5:30) as sums by hours from half past UTC's.
      const hours = asked.filter((u) => u.includes('/api/report/operator-hours?'));
      expect(
        hours.some((u) => /[?&]days=(2|4|8|16|32)(&|$)/.test(u)),
        zone,
      ).toBe(true);
      expect(hours.length, zone).toBeLessThan(14);
      for (const u of hours) expect(u.includes('minute=30'), u).toBe(zone === 'Asia/Kolkata');

      await page.goto(`${system.url}/reports?report=queues&from=${from}&to=${to}`);
      const total = page.locator('[data-testid="queue-summary"] tfoot td[data-col="offered"]');
      await page
        .locator('[data-testid="queue-summary"], .reports [role="alert"]')
        .first()
        .waitFor();
      expect(await page.locator('.reports [role="alert"]').allTextContents()).toEqual([]);
      expect(Number(((await total.textContent()) ?? '').replace(/\D/g, '')), zone).toBe(
        visits.length,
      );
      await page.context().close();
    }
  });

  it("draws a day of each operator's states, talking time as stored", async () => {
    const states = (await system.store.intervals({})).filter((i) => i.kind === 'state');
    /** Per operator at work on the (UTC) day, their talking time in it. */
    const onDay = (day: string): Map<string, number> => {
      const start = Date.parse(`${day}T00:00:00Z`);
      const end = start + 86_400_000;
      const lanes = new Map<string, number>();
      for (const i of states) {
        const ms = Math.min(Date.parse(i.to), end) - Math.max(Date.parse(i.from), start);
        if (ms <= 0) continue;
        const key = `${i.station}/${i.operator}`;
        lanes.set(key, (lanes.get(key) ?? 0) + (i.state === 'talking' ? ms : 0));
      }
      return lanes;
    };
    // The day with the most operators at work.
    const [day, expected] = [...new Set(states.map((i) => i.from.slice(0, 10)))]
      .map((d) => [d, onDay(d)] as const)
      .reduce((a, b) => (b[1].size > a[1].size ? b : a));
    expect(expected.size).toBeGreaterThan(1);
    expect([...expected.values()].some((ms) => ms > 0)).toBe(true);

    const page = await system.signedIn('boss');
    await page.goto(`${system.url}/reports?report=operators&from=${day}&to=${day}`);
    await page.locator('[data-testid="operator-day"], .reports [role="alert"]').first().waitFor();
    expect(await page.locator('.reports [role="alert"]').allTextContents()).toEqual([]);
    const lanes = await page.locator('[data-testid="operator-day"] .lane').evaluateAll((els) =>
      els.map((el) => ({
        key: `${el.getAttribute('data-station') ?? ''}/${el.getAttribute('data-operator') ?? ''}`,
        talkingMs: Number(el.getAttribute('data-talking-ms')),
        blocksMs: Array.from(el.querySelectorAll('rect[data-state="talking"]')).reduce(
          (n, r) => n + Number(r.getAttribute('data-ms')),
          0,
        ),
      })),
    );
    expect(lanes.map((l) => l.key).sort()).toEqual([...expected.keys()].sort());
    for (const lane of lanes) {
      expect(lane.talkingMs, lane.key).toBe(expected.get(lane.key));
      expect(lane.blocksMs, lane.key).toBe(lane.talkingMs);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'operator-day.png'), fullPage: true });
    await page.context().close();
  });

  it('exports the queue summary as CSV and as XLSX with the figures on the page', async () => {
    const page = await system.signedIn('boss');
    const from = shiftDay(period.from, -1);
    const to = shiftDay(period.to, 1);
    await page.goto(`${system.url}/reports?report=queues&from=${from}&to=${to}`);
    await page.locator('[data-testid="queue-summary"]').waitFor();
    const visits = calls.flatMap((c) => c.queueVisits);
    const answered = visits.filter((v) => v.outcome === 'answered').length;

    const saved = async (button: string): Promise<string> => {
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ]);
      return file.path();
    };
    // CSV: the summary table, a row per queue and the total last.
    const csv = readFileSync(await saved('Export CSV'), 'utf8').replace(/^\ufeff/, '');
    const lines = csv.trimEnd().split('\r\n');
    const header = (lines[0] ?? '').split(',');
    const total = (lines.at(-1) ?? '').split(',');
    expect(Number(total[header.indexOf('Offered')])).toBe(visits.length);
    expect(Number(total[header.indexOf('Answered')])).toBe(answered);

    // XLSX: the same table as numbers, then the counts by wait, hour and weekday.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await saved('Export XLSX'));
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Queue summary',
      'Answered and abandoned by wait',
      'By hour of the day',
      'By day of the week',
    ]);
    const summary = book.worksheets[0];
    const head = (summary?.getRow(1).values ?? []) as unknown[];
    const last = (summary?.getRow(summary.rowCount).values ?? []) as unknown[];
    expect(last[head.indexOf('Offered')]).toBe(visits.length);
    expect(last[head.indexOf('Answered')]).toBe(answered);
    expect(typeof last[head.indexOf('ASA, s')]).toBe('number');
    const byHour = book.worksheets[2];
    let offeredByHour = 0;
    byHour?.eachRow((row, n) => {
      if (n > 1) offeredByHour += Number(row.getCell(2).value);
    });
    expect(offeredByHour).toBe(visits.length);
    await page.context().close();
  });

  it("counts a queue's today on the queue's own clock, whoever looks", async () => {
    // A queue in Vladivostok (UTC+10) seen from Moscow (UTC+3): a call ten
    // minutes after Vladivostok's midnight is today's, one ten minutes before
    // is yesterday's, though both are the same afternoon in Moscow.
    const zone = 'Asia/Vladivostok';
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    const midnight = Date.parse(`${today}T00:00:00+10:00`);
    const added = await system.store.directoryEdits.addQueue({
      station: 'pbx1',
      name: 'east',
      timezone: zone,
      serviceLevelSeconds: 20,
    });
    expect(added.refused).toBeNull();
    const short = calls.find(
      (c) =>
        c.queueVisits.length === 1 &&
        c.station === 'pbx1' &&
        Date.parse(c.endedAt) - Date.parse(c.startedAt) < 300_000,
    );
    if (!short) throw new Error('no short call with one queue visit in the traces');
    await system.storeMoved(short, 'zone-today', { joinedAt: midnight + 600_000, queue: 'east' });
    await system.storeMoved(short, 'zone-yesterday', {
      joinedAt: midnight - 600_000,
      queue: 'east',
    });

    const page = await system.signedIn('boss', 'Europe/Moscow');
    await page.goto(`${system.url}/live`);
    const card = page.locator('.queue-card[data-queue="east"]');
    await expect.poll(() => card.locator('.today').textContent()).toContain('offered 1 ');
    await page.goto(`${system.url}/reports?report=queues&from=${today}&to=${today}`);
    const row = page.locator('[data-testid="queue-summary"] tbody tr', {
      has: page.locator('td[data-col="queue"]', { hasText: /^east$/ }),
    });
    expect(await row.locator('td[data-col="offered"]').textContent()).toBe('1');
    expect(await row.locator('td[data-col="zone"]').textContent()).toBe(zone);
    await page.screenshot({ path: join(ARTIFACTS, 'report-queue-zone.png'), fullPage: true });
    await page.context().close();
  });

  it('gives an operator no reports', async () => {
    const page = await system.signedIn('ann');
    expect(await page.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    const res = await page.request.get(`${system.url}/api/report/meta`);
    expect(res.status()).toBe(403);
    await page.context().close();
  });

  it('shows the wallboard live: waiting callers with a ticking wait, agents by state, each in scope', async () => {
    const boss = await system.signedIn('boss');
    const sup = await system.signedIn('sup');
    for (const page of [boss, sup]) {
      await page.goto(`${system.url}/live`);
      await page.getByRole('status').filter({ hasText: 'live' }).waitFor();
    }
    const joined = new Date(Date.now() - 65_000).toISOString();
    const waiting = (queue: string, uid: string, name: string): QueueWaiting => ({
      kind: 'queue-waiting',
      station: 'pbx1',
      server: 'pbx1',
      queue,
      uniqueid: uid,
      call: `pbx1/pbx1/${uid}`,
      caller: { number: '79990000000', name },
      joinedAt: joined,
      left: null,
    });
    system.live.push([
      waiting('support', 'live-1', EVIL_NAME),
      waiting('sales', 'live-2', 'Sales caller'),
      {
        kind: 'operator-state',
        station: 'pbx1',
        operator: 'SIP/agent101',
        name: 'Ivan Petrov',
        state: 'paused',
        reason: 'lunch',
        since: joined,
        queues: [{ queue: 'support', paused: true, reason: 'lunch' }],
      },
    ]);
    const card = (page: Page, queue: string) => page.locator(`.queue-card[data-queue="${queue}"]`);
    await expect.poll(() => card(boss, 'support').getByTestId('waiting').textContent()).toBe('1');
    // The wait counts on, from the join: past 1:05 and ticking.
    const before = (await card(boss, 'support').getByTestId('longest').textContent()) ?? '';
    expect(before).toMatch(/^1:0\d$/);
    await expect
      .poll(() => card(boss, 'support').getByTestId('longest').textContent(), { timeout: 5000 })
      .not.toBe(before);
    expect(await card(boss, 'support').locator('.waiting li').textContent()).toContain(EVIL_NAME);
    expect(await boss.locator('.queue-card img').count()).toBe(0);
    await expect
      .poll(() => boss.locator('[data-testid="agents"] [data-state="paused"] b').textContent())
      .toBe('1');
    const row = boss.locator('[data-testid="operators-board"] tr[data-operator="SIP/agent101"]');
    expect(await row.locator('td').nth(2).textContent()).toBe('lunch');
    // The supervisor of sales sees the sales caller and nothing of support.
    await expect.poll(() => card(sup, 'sales').getByTestId('waiting').textContent()).toBe('1');
    expect(await card(sup, 'support').count()).toBe(0);
    expect(await sup.content()).not.toContain('live-1');
    await boss.screenshot({ path: join(ARTIFACTS, 'wallboard.png'), fullPage: true });
    system.live.push([
      { ...waiting('support', 'live-1', EVIL_NAME), left: new Date().toISOString() },
    ]);
    await expect.poll(() => card(boss, 'support').getByTestId('waiting').textContent()).toBe('0');
    expect(system.dialogs).toEqual([]);
    await boss.context().close();
    await sup.context().close();
  });

  it('switches every visible string to Russian, on every page', async () => {
    const page = await system.signedIn('boss');
    await openLog(page);
    await page.locator('.call-row').first().click();
    await page.locator('.timeline').waitFor();
    await page.getByLabel('Language').selectOption('ru');
    await page.getByRole('button', { name: 'Выйти' }).waitFor();
    await page.locator('.timeline').waitFor();
    const catalogue = po.parse(readFileSync(join(repoRoot, 'packages/web/src/i18n/ru.po'), 'utf8'));
    const english = new Set(
      Object.values(catalogue.translations[''] ?? {})
        .filter((m) => m.msgid !== '' && m.msgstr[0] !== m.msgid)
        .map((m) => m.msgid),
    );
    // Every visible text and every label a screen reader would read.
    const untranslated = async (): Promise<{ texts: string[]; left: string[] }> => {
      const texts = await page.evaluate(() => {
        const out: string[] = [];
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const el = n.parentElement;
          if (el && el.closest('.sr-only') === null && el.getClientRects().length > 0)
            out.push((n.textContent ?? '').trim());
        }
        for (const el of Array.from(document.querySelectorAll('[aria-label], [title]')))
          out.push(el.getAttribute('aria-label') ?? el.getAttribute('title') ?? '');
        return out.filter((t) => t !== '');
      });
      return { texts, left: texts.filter((t) => english.has(t)) };
    };
    const timeline = await untranslated();
    expect(timeline.left).toEqual([]);
    expect(timeline.texts).toContain('Хронология звонка');
    await page.screenshot({ path: join(ARTIFACTS, 'timeline-ru.png'), fullPage: true });

    // The reports (the language is kept across pages), and the wallboard.
    const day = period.from;
    for (const [path, ready, shot] of [
      [
        `/reports?report=queues&from=${day}&to=${period.to}`,
        '[data-testid="queue-summary"]',
        'report-queues-ru.png',
      ],
      [
        `/reports?report=operators&from=${day}&to=${day}`,
        '[data-testid="operators"]',
        'report-operators-ru.png',
      ],
      ['/live', '[data-testid="operators-board"]', 'wallboard-ru.png'],
    ] as const) {
      await page.goto(`${system.url}${path}`);
      await page.locator(ready).waitFor();
      const seen = await untranslated();
      expect(seen.left, path).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, shot), fullPage: true });
    }
    await page.context().close();
  });
});
