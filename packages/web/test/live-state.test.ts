// The page's live picture: a snapshot, deltas in order, stale deltas
// skipped, a missing one noticed.

import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../src/live/messages.ts';
import { apply, EMPTY } from '../src/live/state.ts';

const NOW = Date.parse('2026-03-02T12:00:00Z');

const snapshot: ServerMessage = {
  type: 'snapshot',
  seq: 10,
  now: '2026-03-02T12:00:02Z',
  queues: [
    {
      station: 'main',
      queue: 'support',
      waiting: [
        {
          uniqueid: 'u1',
          call: 'main/pbx1/u1',
          caller: { number: '5550001', name: null },
          joinedAt: '2026-03-02T11:59:00Z',
        },
      ],
    },
  ],
  operators: [
    {
      station: 'main',
      operator: 'SIP/ann',
      id: 7,
      name: 'Ann',
      state: 'idle',
      reason: null,
      since: '2026-03-02T11:00:00Z',
      queues: [{ queue: 'support', paused: false, reason: null }],
    },
  ],
  calls: [],
};

describe('the live picture', () => {
  const first = apply(EMPTY, snapshot, NOW);

  it('starts from the snapshot, on the server clock', () => {
    expect(first.seq).toBe(10);
    expect(first.skewMs).toBe(2000);
    expect(first.queues.get('main\u0000support')?.waiting.map((w) => w.uniqueid)).toEqual(['u1']);
  });

  it('applies the next delta and skips one the snapshot already holds', () => {
    const stale = apply(
      first,
      { type: 'delta', seq: 10, changes: [{ kind: 'call-ended', id: 'x' }] },
      NOW,
    );
    expect(stale).toBe(first);
    const next = apply(
      first,
      {
        type: 'delta',
        seq: 11,
        changes: [
          {
            kind: 'waiting-left',
            station: 'main',
            queue: 'support',
            uniqueid: 'u1',
            left: '2026-03-02T12:00:03Z',
          },
          {
            kind: 'operator',
            station: 'main',
            operator: 'SIP/ann',
            id: 7,
            name: 'Ann',
            state: 'talking',
            reason: null,
            since: '2026-03-02T12:00:03Z',
            queues: [{ queue: 'support', paused: true, reason: 'lunch' }],
          },
        ],
      },
      NOW,
    );
    expect(next.seq).toBe(11);
    expect(next.queues.get('main\u0000support')?.waiting).toEqual([]);
    expect(next.operators.get('main\u0000SIP/ann')).toMatchObject({
      id: 7,
      state: 'talking',
      queues: [{ queue: 'support', paused: true, reason: 'lunch' }],
    });
  });

  it("applies a delta that skips numbers: changes out of the viewer's scope are not sent", () => {
    const out = apply(
      first,
      { type: 'delta', seq: 15, changes: [{ kind: 'call-ended', id: 'x' }] },
      NOW,
    );
    expect(out.seq).toBe(15);
    expect(apply(out, { type: 'delta', seq: 14, changes: [] }, NOW)).toBe(out);
  });
});
