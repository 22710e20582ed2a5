import { describe, expect, it } from 'vitest';
import { Script, after } from './script.js';

const states = (s: Script, config = {}): string[] =>
  s
    .run(config)
    .intervals.filter((i) => i.kind === 'state')
    .map((i) => `${i.state}${i.reason ? `(${i.reason})` : ''} ${after(i.from)}-${after(i.to)}`);

describe('operator states', () => {
  it('logged in, paused with a reason, ringing, talking, and back', () => {
    const s = new Script();
    const ivan = s.member('support', 'Ivan Petrov', 'SIP/101');
    s.event('QueueMemberAdded', { ...ivan, Status: '1', Paused: '0', PausedReason: '' })
      .wait(1000)
      .event('QueueMemberPause', { ...ivan, Status: '1', Paused: '1', PausedReason: 'lunch' })
      .wait(60_000)
      .event('QueueMemberPause', { ...ivan, Status: '1', Paused: '0', PausedReason: '' })
      .wait(1000)
      .event('DeviceStateChange', { Device: 'SIP/101', State: 'RINGING' })
      .wait(2000)
      .event('DeviceStateChange', { Device: 'SIP/101', State: 'INUSE' })
      .wait(10_000)
      .event('DeviceStateChange', { Device: 'SIP/101', State: 'NOT_INUSE' })
      .wait(1000)
      .event('QueueMemberRemoved', ivan);
    expect(states(s)).toEqual([
      'idle 0-1000',
      'paused(lunch) 1000-61000',
      'idle 61000-62000',
      'ringing 62000-64000',
      'talking 64000-74000',
      'idle 74000-75000',
    ]);
  });

  it('a state that lasts no time and goes back does not cut the interval in two', () => {
    // After a reconnect the queue's answer (Status 1, not in use) and the
    // phone's (in use) come at the same instant and disagree for it.
    const s = new Script();
    const ivan = s.member('support', 'Ivan Petrov', 'SIP/101');
    s.event('QueueMemberAdded', { ...ivan, Status: '1', Paused: '0', PausedReason: '' })
      .wait(1000)
      .event('DeviceStateChange', { Device: 'SIP/101', State: 'INUSE' })
      .wait(5000)
      .event('QueueMemberStatus', { ...ivan, Status: '1', Paused: '0', PausedReason: '' })
      .event('DeviceStateChange', { Device: 'SIP/101', State: 'INUSE' })
      .wait(5000)
      .event('DeviceStateChange', { Device: 'SIP/101', State: 'NOT_INUSE' })
      .wait(1000)
      .event('UserEvent', { UserEvent: 'tick' });
    expect(states(s)).toEqual(['idle 0-1000', 'talking 1000-11000', 'idle 11000-12000']);
  });

  it('is paused only when paused in every queue it is in', () => {
    const s = new Script();
    s.event('QueueMemberAdded', { ...s.member('support', 'Ivan Petrov', 'SIP/101'), Paused: '0' })
      .event('QueueMemberAdded', { ...s.member('sales', 'Ivan Petrov', 'SIP/101'), Paused: '0' })
      .wait(1000)
      .event('QueueMemberPause', {
        ...s.member('support', 'Ivan Petrov', 'SIP/101'),
        Paused: '1',
        PausedReason: 'training',
      })
      .wait(1000)
      .event('QueueMemberPause', {
        ...s.member('sales', 'Ivan Petrov', 'SIP/101'),
        Paused: '1',
        PausedReason: 'training',
      })
      .wait(1000)
      .event('UserEvent', { UserEvent: 'tick' });
    expect(states(s)).toEqual(['idle 0-2000', 'paused(training) 2000-3000']);
  });

  it('a Local member and its phone are one operator', () => {
    const s = new Script();
    s.event('QueueMember', {
      Queue: 'support-local',
      Name: 'Olga Smirnova',
      Location: 'Local/102@from-queue/n',
      StateInterface: 'SIP/102',
      Paused: '0',
      Status: '1',
    })
      .wait(1000)
      .event('DeviceStateChange', { Device: 'SIP/102', State: 'INUSE' })
      .wait(1000)
      .event('UserEvent', { UserEvent: 'tick' });
    const out = s.run();
    expect(new Set(out.intervals.map((i) => i.operator))).toEqual(new Set(['SIP/102']));
    expect(states(s)).toEqual(['idle 0-1000', 'talking 1000-2000']);
  });

  it('wraps up after a queue call for the queue wrap-up time, when configured', () => {
    const s = new Script();
    const ivan = s.member('support', 'Ivan Petrov', 'SIP/101');
    s.event('QueueMemberAdded', { ...ivan, Paused: '0', Status: '1' })
      .event('DeviceStateChange', { Device: 'SIP/101', State: 'INUSE' })
      .wait(10_000)
      .event('AgentComplete', {
        ...ivan,
        Channel: 'SIP/trunk-00000001',
        Uniqueid: '1.1',
        DestUniqueid: '1.2',
        Reason: 'caller',
      })
      .event('DeviceStateChange', { Device: 'SIP/101', State: 'NOT_INUSE' })
      .wait(8000)
      .event('UserEvent', { UserEvent: 'tick' });
    expect(states(s, { queues: { support: { wrapUpSeconds: 5 } } })).toEqual([
      'talking 0-10000',
      'wrap-up 10000-15000',
      'idle 15000-18000',
    ]);
  });
});

describe('operator states, live', () => {
  it('carry the queues and are said again when membership changes though the state stays', () => {
    const s = new Script();
    const support = s.member('support', 'Ivan Petrov', 'SIP/101');
    const sales = s.member('sales', 'Ivan Petrov', 'SIP/101');
    s.event('QueueMemberAdded', { ...support, Status: '1', Paused: '0' })
      .wait(1000)
      .event('QueueMemberAdded', { ...sales, Status: '1', Paused: '0' })
      .wait(1000)
      .event('QueueMemberPause', { ...sales, Status: '1', Paused: '1', PausedReason: 'lunch' })
      .wait(1000)
      // The same again: nothing changed, nothing said.
      .event('QueueMemberStatus', { ...sales, Status: '1', Paused: '1', PausedReason: 'lunch' })
      .wait(1000)
      .event('QueueMemberRemoved', support);
    const out = s.run({}, false);
    const live = out.effects.flatMap((e) => (e.kind === 'operator-state' ? [e] : []));
    const shown = live.map(
      (e) =>
        `${e.state}${e.reason ? `(${e.reason})` : ''} ${e.queues
          .map((q) => `${q.queue}${q.paused ? `:paused(${q.reason ?? ''})` : ''}`)
          .join(',')}`,
    );
    expect(shown).toEqual([
      'idle support',
      'idle sales,support',
      'idle sales:paused(lunch),support',
      'paused(lunch) sales:paused(lunch)',
    ]);
    expect(out.tracker.live().filter((e) => e.kind === 'operator-state')).toEqual([live.at(-1)]);
  });
});
