// A generated hour, fed through the real tracker, gives back what the
// generator knows happened: every queue visit closed, no call left in
// memory, and per queue the same offered, answered, abandoned and timed-out
// counts, with the same operator answering each call. And the generator is
// deterministic: the same seed gives the same bytes.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AmiParser } from '@callboard/ami';
import { Tracker, type CallRecord } from '@callboard/tracker';
import {
  defaultGeneratorConfig,
  generate,
  scaleTo,
  callsPerDay,
  type GeneratorConfig,
  type TruthCall,
} from '@callboard/simulator';

const START = Date.UTC(2026, 10, 26, 9, 0, 0);

function track(
  config: GeneratorConfig,
  seed: number,
  durationMs: number,
): {
  records: CallRecord[];
  truth: readonly TruthCall[];
  inFlight: number;
  channels: number;
  left: number;
} {
  const day = generate({ config, seed, startMs: START, durationMs });
  const tracker = new Tracker({
    live: false,
    queues: Object.fromEntries(config.queues.map((q) => [q.name, { wrapUpSeconds: q.wrapUp }])),
  });
  const records: CallRecord[] = [];
  const parser = new AmiParser({ banner: false });
  let last = START;
  for (const e of day.events) {
    last = e.at;
    parser.push(e.bytes, (item) => {
      if (item.kind !== 'message') return;
      for (const fx of tracker.push({ server: 'pbx1', message: item.message, receivedAt: e.at }))
        if (fx.kind === 'call-finished') records.push(fx.record);
    });
  }
  for (const fx of tracker.advance(last + 10_000))
    if (fx.kind === 'call-finished') records.push(fx.record);
  return {
    records,
    truth: day.truth,
    inFlight: tracker.inFlight,
    channels: tracker.channelCount,
    left: day.simulation.channelsUp + day.simulation.callsInProgress,
  };
}

type Counts = Record<
  string,
  { offered: number; answered: number; abandoned: number; timeout: number }
>;

function count(visits: readonly { queue: string; outcome: string }[]): Counts {
  const out: Counts = {};
  for (const v of visits) {
    const c = (out[v.queue] ??= { offered: 0, answered: 0, abandoned: 0, timeout: 0 });
    c.offered++;
    if (v.outcome === 'answered' || v.outcome === 'abandoned' || v.outcome === 'timeout')
      c[v.outcome]++;
  }
  return out;
}

/** The demo center, and the same center overloaded with short queue timeouts (timeouts, overflows). */
function stressed(): GeneratorConfig {
  const base = defaultGeneratorConfig();
  return {
    ...base,
    queues: base.queues.map((q) => ({
      ...q,
      maxWait: 45,
      arrivals: q.arrivals.map((x) => x * 3),
    })),
  };
}

describe.each([
  ['the demo center', defaultGeneratorConfig(), 11],
  ['an overloaded center', stressed(), 12],
])('a generated hour of %s through the tracker', (_name, config, seed) => {
  const { records, truth, inFlight, channels, left } = track(config, seed, 3_600_000);

  it('leaves nothing in flight', () => {
    expect(truth.length).toBeGreaterThan(50);
    expect(left).toBe(0);
    expect(inFlight).toBe(0);
    expect(channels).toBe(0);
    expect(records.length).toBe(truth.length);
  });

  it('closes every visit, with the counts per queue the generator knows', () => {
    const visits = records.flatMap((r) => r.queueVisits);
    expect(visits.every((v) => v.leftAt !== null && v.outcome !== 'unknown')).toBe(true);
    expect(count(visits)).toEqual(count(truth.flatMap((c) => c.visits)));
    const outcomes = new Set(truth.flatMap((c) => c.visits.map((v) => v.outcome)));
    expect(outcomes.has('answered') && outcomes.has('abandoned')).toBe(true);
    if (config.queues[0]?.maxWait === 45) expect(outcomes.has('timeout')).toBe(true);
  });

  it('agrees on transfers and missed rings', () => {
    const sorted = <T>(xs: T[]): T[] => xs.sort();
    expect(sorted(records.flatMap((r) => r.queueVisits.map((v) => v.transfer ?? '-')))).toEqual(
      sorted(truth.flatMap((c) => c.visits.map((v) => v.transfer ?? '-'))),
    );
    const missed = (xs: readonly string[]): string[] => [...xs].sort();
    expect(
      sorted(
        records.flatMap((r) =>
          r.queueVisits.map((v) =>
            missed(
              v.attempts
                .filter((a) => ['no-answer', 'busy', 'rejected', 'unavailable'].includes(a.result))
                .map((a) => a.memberName),
            ).join(','),
          ),
        ),
      ),
    ).toEqual(sorted(truth.flatMap((c) => c.visits.map((v) => missed(v.missed).join(',')))));
  });

  it('names the operator who answered each call', () => {
    // Visits keyed by the caller's uniqueid, the queue and the how-many-th visit of that pair.
    const keyed = <T>(
      visits: readonly { uid: string; queue: string; at: number; who: T }[],
    ): Map<string, T> => {
      const out = new Map<string, T>();
      for (const v of [...visits].sort((a, b) => a.at - b.at)) {
        let n = 0;
        while (out.has(`${v.uid}/${v.queue}#${n}`)) n++;
        out.set(`${v.uid}/${v.queue}#${n}`, v.who);
      }
      return out;
    };
    const ours = keyed(
      records.flatMap((r) =>
        r.queueVisits.map((v) => ({
          uid: v.channel.uniqueid,
          queue: v.queue,
          at: Date.parse(v.joinedAt),
          who: v.answeredBy?.memberName ?? null,
        })),
      ),
    );
    const theirs = keyed(
      truth.flatMap((c) =>
        c.visits.map((v) => ({
          uid: v.uniqueid,
          queue: v.queue,
          at: v.joinedAt,
          who: v.memberName,
        })),
      ),
    );
    expect(ours).toEqual(theirs);
    const operators = records.flatMap((r) =>
      r.queueVisits.map((v) => v.answeredBy?.operator ?? null),
    );
    const truthOps = truth.flatMap((c) => c.visits.map((v) => v.operator));
    expect(operators.filter((o) => o !== null).sort()).toEqual(
      truthOps.filter((o) => o !== null).sort(),
    );
  });

  it('counts answered, outbound and internal calls alike', () => {
    const kinds = (xs: readonly string[]): Record<string, number> =>
      xs.reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {});
    expect(kinds(records.map((r) => r.direction))).toEqual(kinds(truth.map((t) => t.kind)));
  });
});

describe('the generator', () => {
  const digest = (config: GeneratorConfig, seed: number): string => {
    const h = createHash('sha256');
    for (const e of generate({ config, seed, startMs: START, durationMs: 900_000 }).events) {
      h.update(String(e.at));
      h.update(e.bytes);
    }
    return h.digest('hex');
  };

  it('gives the same bytes for the same seed, and others for another', () => {
    const config = defaultGeneratorConfig();
    expect(digest(config, 5)).toBe(digest(config, 5));
    expect(digest(config, 5)).not.toBe(digest(config, 6));
  });

  it('scales a center to a record day', () => {
    const big = scaleTo(defaultGeneratorConfig(), 150_000);
    expect(Math.round(callsPerDay(big))).toBe(150_000);
    expect(big.operators.length).toBeGreaterThan(defaultGeneratorConfig().operators.length * 50);
    expect(new Set(big.operators.map((o) => o.extension)).size).toBe(big.operators.length);
  });
});
