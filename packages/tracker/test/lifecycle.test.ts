import { describe, expect, it } from 'vitest';
import { Tracker, TrackerConfigError, type Effect } from '@callboard/tracker';
import { Script, after } from './script.js';

describe('when a call ends', () => {
  it('waits out the grace period after the last hangup, then emits the call', () => {
    const s = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '1',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .wait(1000)
      .hangup('SIP/trunk-00000001')
      .wait(1000)
      .newchannel('SIP/trunk-00000002', {
        callerNum: '2',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .wait(1500)
      .newchannel('SIP/trunk-00000003', {
        callerNum: '3',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      });
    const live = s.run({ graceMs: 2000 }, false);
    // 2.5 s after the hangup the first call is out; the others are still in flight.
    expect(live.calls.map((c) => c.from.number)).toEqual(['1']);
    expect(live.tracker.inFlight).toBe(2);
  });

  it('a late merge within the grace period joins the call instead of starting a new one', () => {
    const s = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '1',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .newchannel('SIP/101-00000002', { linkedid: 'SIP/trunk-00000001', callerNum: '101' })
      .wait(1000)
      .hangup('SIP/101-00000002')
      .hangup('SIP/trunk-00000001')
      .wait(500)
      // A channel created for the same linkedid just after (a callback, a late Local half).
      .newchannel('SIP/102-00000003', { linkedid: 'SIP/trunk-00000001', callerNum: '102' })
      .wait(500)
      .hangup('SIP/102-00000003');
    const out = s.run({ graceMs: 2000 });
    expect(out.calls).toHaveLength(1);
    expect(out.only().attrs.channels).toHaveLength(3);
  });

  it('closes a call whose Hangup never came, flagged gap, and forgets it', () => {
    const s = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '1',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .wait(3 * 60_000)
      .newchannel('SIP/trunk-00000002', {
        callerNum: '2',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      });
    const out = s.run({ reapAfterMs: 120_000 }, false);
    const reaped = out.calls.find((c) => c.from.number === '1');
    expect(reaped?.flags).toContain('gap');
    expect(out.tracker.inFlight).toBe(1);
  });

  it('leaves nothing in memory once the stream ends', () => {
    const s = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '1',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .newchannel('SIP/trunk-00000002', {
        callerNum: '2',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .wait(1000)
      .hangup('SIP/trunk-00000001');
    const out = s.run();
    expect(out.calls.map((c) => [c.from.number, c.flags])).toEqual([
      ['1', []],
      ['2', ['unfinished']],
    ]);
    expect(out.tracker.inFlight).toBe(0);
    expect(out.tracker.channelCount).toBe(0);
  });

  it('gives the same ids for the same input', () => {
    const build = (): string[] =>
      new Script()
        .newchannel('SIP/trunk-00000001', {
          callerNum: '1',
          context: 'from-trunk',
          exten: '100',
          state: 'Ring',
        })
        .wait(1000)
        .hangup('SIP/trunk-00000001')
        .run()
        .calls.map((c) => c.id);
    expect(build()).toEqual(build());
    expect(build()[0]).toMatch(/^pbx1\/pbx1\/\d+\.\d+$/);
  });

  it('reads time from the events, not a clock', () => {
    const call = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '1',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .wait(42_000)
      .hangup('SIP/trunk-00000001')
      .run()
      .only();
    expect(after(call.startedAt)).toBe(0);
    expect(after(call.endedAt)).toBe(42_000);
  });
});

describe('configuration', () => {
  it('names the setting that is wrong', () => {
    expect(() => new Tracker({ trunks: ['SIP/(trunk'] })).toThrow(TrackerConfigError);
    expect(() => new Tracker({ trunks: ['SIP/(trunk'] })).toThrow(
      /^trunks\[0\]: not a regular expression/,
    );
    expect(() => new Tracker({ graceMs: -1 })).toThrow(/^graceMs: must be a number/);
  });

  it('puts servers into stations', () => {
    const call = new Script('east')
      .newchannel('SIP/trunk-00000001', {
        callerNum: '1',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .wait(100)
      .hangup('SIP/trunk-00000001')
      .run({ stations: { east: 'moscow' } })
      .only();
    expect(call.station).toBe('moscow');
    expect(call.servers).toEqual(['east']);
  });

  it('drops ignored variables', () => {
    const call = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '1',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .varset('SIP/trunk-00000001', 'RTPAUDIOQOS', 'ssrc=1')
      .varset('SIP/trunk-00000001', 'KEEP', 'yes')
      .hangup('SIP/trunk-00000001')
      .run({ ignoreVariables: ['^RTPAUDIOQOS'] })
      .only();
    expect(call.attrs.channels[0]?.variables).toEqual({ KEEP: 'yes' });
  });
});

describe('resynchronising after a gap', () => {
  it('closes, flagged gap, the channels Asterisk no longer lists', () => {
    const s = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '1',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .newchannel('SIP/trunk-00000002', {
        callerNum: '2',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .wait(60_000);
    // After a reconnect: only the second channel is still up.
    s.event('CoreShowChannel', {
      ...s.snap('SIP/trunk-00000002'),
      ActionID: 'r1',
      Application: 'Queue',
      Duration: '00:01:00',
    })
      .event('CoreShowChannelsComplete', { ActionID: 'r1', EventList: 'Complete', ListItems: '1' })
      .wait(5000)
      .event('UserEvent', { UserEvent: 'tick' });
    const out = s.run({}, false);
    expect(out.calls.map((c) => [c.from.number, c.flags])).toEqual([['1', ['gap']]]);
    expect(out.tracker.inFlight).toBe(1);
  });

  /** Two callers waiting in `support`; then a reconnect whose QueueStatus lists only the second. */
  function twoWaiting(): Script {
    const s = new Script();
    for (const n of ['1', '2']) {
      s.newchannel(`SIP/trunk-0000000${n}`, {
        callerNum: n,
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
        .up(`SIP/trunk-0000000${n}`)
        .event('QueueCallerJoin', {
          ...s.snap(`SIP/trunk-0000000${n}`),
          Queue: 'support',
          Position: n,
          Count: n,
        });
    }
    return s.wait(60_000);
  }

  const waitingNow = (effects: readonly Effect[]): string[] => {
    const waiting = new Set<string>();
    for (const e of effects)
      if (e.kind === 'queue-waiting') {
        if (e.left === null) waiting.add(e.caller.number ?? '');
        else waiting.delete(e.caller.number ?? '');
      }
    return [...waiting];
  };

  it('ends, flagged gap, the waits of callers no queue lists any more', () => {
    const s = twoWaiting();
    s.event('QueueEntry', {
      ActionID: 'q1',
      Queue: 'support',
      Position: '1',
      Channel: 'SIP/trunk-00000002',
      Uniqueid: s.snap('SIP/trunk-00000002').Uniqueid ?? '',
      CallerIDNum: '2',
      Wait: '60',
    }).event('QueueStatusComplete', { ActionID: 'q1', EventList: 'Complete', ListItems: '1' });
    const left = s.run({}, false);
    expect(waitingNow(left.effects)).toEqual(['2']);
    // The first caller's channel is still up (answered in the gap): the call goes on.
    expect(left.tracker.inFlight).toBe(2);
    s.hangup('SIP/trunk-00000001').wait(5000).event('UserEvent', { UserEvent: 'tick' });
    const [call] = s.run({}, false).calls;
    expect(call?.flags).toEqual(['gap']);
    expect(call?.queueVisits.map((v) => [v.queue, v.waitMs])).toEqual([['support', 60_000]]);
  });

  it('never leaves a caller of a finished call on a live waiting list', () => {
    const s = twoWaiting();
    // Both channels vanish without leaving the queue (a stream that stopped short).
    const out = s.run({}, true);
    expect(out.calls).toHaveLength(2);
    expect(waitingNow(out.effects)).toEqual([]);
  });
});
