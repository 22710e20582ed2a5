// The merge of servers' messages into receive-time order (src/merge.ts):
// with one server heard from, its messages go in their order, held back
// only while another expected server is silent and they are newer than the
// skew allows; with several, the earliest head goes first.

import { describe, expect, it } from 'vitest';
import { ReceiveOrder, type Pending } from '../src/merge.js';

const SKEW = 2000;
const at = (server: string, receivedAt: number): Pending => ({
  server,
  receivedAt,
  bytes: new TextEncoder().encode(`${server}@${receivedAt}`),
});
const drain = (order: ReceiveOrder, all = false): string[] => {
  const out: string[] = [];
  order.release(all, (p) => out.push(`${p.server}@${p.receivedAt}`));
  return out;
};

describe('receive order', () => {
  it('lets one server’s messages through in order as they come', () => {
    const order = new ReceiveOrder(SKEW, ['pbx1']);
    for (const t of [10, 20, 20, 30]) order.add(at('pbx1', t));
    expect(drain(order)).toEqual(['pbx1@10', 'pbx1@20', 'pbx1@20', 'pbx1@30']);
    expect(order.held).toBe(0);
    order.add(at('pbx1', 40));
    expect(drain(order)).toEqual(['pbx1@40']);
  });

  it('holds one server’s newest messages while another expected server is silent', () => {
    const order = new ReceiveOrder(SKEW, ['pbx1', 'pbx2']);
    for (const t of [1000, 2000, 3000, 4000]) order.add(at('pbx1', t));
    // Up to 2 s older than the newest (4000) may go; the rest waits for pbx2.
    expect(drain(order)).toEqual(['pbx1@1000', 'pbx1@2000']);
    expect(order.held).toBe(2);
    expect(order.snapshot().queues).toEqual([
      [
        'pbx1',
        [
          { receivedAt: 3000, bytes: Buffer.from('pbx1@3000').toString('base64') },
          { receivedAt: 4000, bytes: Buffer.from('pbx1@4000').toString('base64') },
        ],
      ],
    ]);
    expect(drain(order, true)).toEqual(['pbx1@3000', 'pbx1@4000']);
    expect(order.held).toBe(0);
  });

  it('keeps its place over long runs, taken a few at a time', () => {
    const order = new ReceiveOrder(SKEW, ['pbx1', 'pbx2']);
    const out: number[] = [];
    for (let t = 1; t <= 5000; t++) {
      order.add(at('pbx1', t));
      order.release(false, (p) => out.push(p.receivedAt));
    }
    expect(out).toEqual(Array.from({ length: 5000 - SKEW }, (_, i) => i + 1));
    expect(order.held).toBe(SKEW);
    order.release(true, (p) => out.push(p.receivedAt));
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1));
  });

  it('merges several servers by receive time, the lower name first at the same time', () => {
    const order = new ReceiveOrder(SKEW, ['pbx1', 'pbx2']);
    for (const t of [10, 30, 50]) order.add(at('pbx2', t));
    for (const t of [10, 20, 60]) order.add(at('pbx1', t));
    // pbx2 has been heard up to 50: everything up to there may go.
    expect(drain(order)).toEqual(['pbx1@10', 'pbx2@10', 'pbx1@20', 'pbx2@30', 'pbx2@50']);
    expect(drain(order, true)).toEqual(['pbx1@60']);
  });
});
