// The timeline and call-log models against a real call: trace 11, where
// one caller waits 150 s while three agents are rung in turn and nobody
// answers (its scenario.md and queue_log: 37 RINGNOANSWER, 1 RINGCANCELED,
// ABANDON; Elena Popova rung first, then Alexey Volkov, then Maria Lebedeva).

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCaptures } from '../../cli/src/replay.js';
import { buildTimeline } from '../src/calls/timeline.ts';
import { matches, NO_FILTER, toRow } from '../src/calls/rows.ts';
import { tracesDir } from '../../../test/support/traces.js';

const [call] = replayCaptures([join(tracesDir, '11-long-unanswered')]).calls;
if (!call) throw new Error('trace 11 gave no call');

describe('the timeline of the long unanswered call', () => {
  const model = buildTimeline(call);

  it('has the caller, the queue, then the three agents in the order they were first rung', () => {
    expect(model.lanes.map((l) => l.kind)).toEqual([
      'caller',
      'queue',
      'operator',
      'operator',
      'operator',
    ]);
    expect(model.lanes.slice(2).map((l) => l.label)).toEqual([
      'Elena Popova',
      'Alexey Volkov',
      'Maria Lebedeva',
    ]);
  });

  it('puts every ring on its agent: 37 unanswered and the one cancelled by the hang-up', () => {
    const rings = model.lanes.flatMap((l) => l.spans.filter((s) => s.kind === 'ring'));
    expect(rings.length).toBe(38);
    expect(rings.filter((s) => s.result === 'no-answer').length).toBe(37);
    expect(rings.filter((s) => s.result === 'cancelled').length).toBe(1);
    for (const r of rings) {
      expect(r.from).toBeGreaterThanOrEqual(model.start);
      expect(r.to).toBeLessThanOrEqual(model.end);
    }
  });

  it('shows the wait as one abandoned span of about 150 s and no talk at all', () => {
    const queue = model.lanes[1];
    expect(queue?.spans.length).toBe(1);
    const wait = queue?.spans[0];
    expect(wait?.result).toBe('abandoned');
    expect(((wait?.to ?? 0) - (wait?.from ?? 0)) / 1000).toBeCloseTo(150, -1);
    expect(model.lanes.flatMap((l) => l.spans).some((s) => s.kind === 'talk')).toBe(false);
    expect(model.lanes[0]?.marks.map((m) => m.kind)).toEqual(['hangup']);
  });
});

describe('the call log row', () => {
  const row = toRow(call);

  it('carries what the list shows', () => {
    expect(row.fromNumber).toBe('79871234513');
    expect(row.queues).toEqual(['support-long']);
    expect(row.outcome).toBe('abandoned');
    expect(row.talkMs).toBe(0);
    expect(row.operator).toBe('');
    expect(row.waitMs / 1000).toBeCloseTo(150, -1);
  });

  it('matches filters by part of the number, queue, outcome and operator', () => {
    expect(matches(row, NO_FILTER)).toBe(true);
    expect(matches(row, { ...NO_FILTER, text: '1234513' })).toBe(true);
    expect(matches(row, { ...NO_FILTER, text: '000' })).toBe(false);
    expect(matches(row, { ...NO_FILTER, queue: 'support-long' })).toBe(true);
    expect(matches(row, { ...NO_FILTER, queue: 'support' })).toBe(false);
    expect(matches(row, { ...NO_FILTER, outcome: 'answered' })).toBe(false);
    expect(matches(row, { ...NO_FILTER, operator: 'popova' })).toBe(false);
  });
});
