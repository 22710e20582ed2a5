import { describe, expect, it } from 'vitest';
import { Script } from './script.js';

const CALLER = 'SIP/trunk-00000001';

/** A caller answered by the dialplan, waiting in `queue`. */
function waiting(s: Script, queue = 'support'): Script {
  return s
    .newchannel(CALLER, {
      callerNum: '79990001122',
      context: 'from-trunk',
      exten: '74950000001',
      state: 'Ring',
    })
    .up(CALLER)
    .wait(500)
    .event('QueueCallerJoin', { ...s.snap(CALLER), Queue: queue, Position: '1', Count: '1' });
}

function ring(s: Script, phone: string, name: string, queue = 'support'): Script {
  return s
    .newchannel(phone, { linkedid: CALLER, callerNum: phone.slice(4, 7) })
    .event('AgentCalled', {
      ...s.snap(CALLER),
      ...s.snap(phone, 'Dest'),
      ...s.member(queue, name, phone.slice(0, 7)),
    })
    .dial(CALLER, phone);
}

describe('queue visits', () => {
  it('a caller who hangs up while waiting abandoned the queue; the ring still open was cancelled', () => {
    const s = waiting(new Script());
    ring(s, 'SIP/101-00000002', 'Ivan Petrov').wait(4000);
    s.dialEnd(CALLER, 'SIP/101-00000002', 'CANCEL')
      .hangup('SIP/101-00000002')
      .event('QueueCallerAbandon', {
        ...s.snap(CALLER),
        Queue: 'support',
        Position: '1',
        OriginalPosition: '1',
        HoldTime: '4',
      })
      .event('QueueCallerLeave', { ...s.snap(CALLER), Queue: 'support', Position: '1', Count: '0' })
      .hangup(CALLER, '0');
    const call = s.run().only();
    const visit = call.queueVisits[0];
    expect(call.outcome).toBe('abandoned');
    expect(visit?.outcome).toBe('abandoned');
    expect(visit?.waitMs).toBe(4000);
    expect(visit?.attempts.map((a) => a.result)).toEqual(['cancelled']);
  });

  it.each([
    ['TIMEOUT', 'timeout'],
    ['LEAVEEMPTY', 'exit-empty'],
    ['WITHDRAW', 'withdraw'],
  ] as const)(
    'an exit with QUEUESTATUS=%s is %s, though Asterisk sent QueueCallerAbandon',
    (status, outcome) => {
      const s = waiting(new Script()).wait(15_000);
      s.event('QueueCallerAbandon', {
        ...s.snap(CALLER),
        Queue: 'support',
        Position: '1',
        OriginalPosition: '1',
        HoldTime: '15',
      })
        .event('QueueCallerLeave', {
          ...s.snap(CALLER),
          Queue: 'support',
          Position: '1',
          Count: '0',
        })
        .varset(CALLER, 'QUEUESTATUS', status)
        .wait(5000)
        .hangup(CALLER);
      const call = s.run().only();
      expect(call.queueVisits[0]?.outcome).toBe(outcome);
      expect(call.queueVisits[0]?.waitMs).toBe(15_000);
      expect(call.outcome).toBe(outcome);
    },
  );

  it('an exit with a key: DTMF, then the queue is left with no abandon and no QUEUESTATUS', () => {
    const s = waiting(new Script()).wait(7000);
    s.event('DTMFEnd', { ...s.snap(CALLER), Digit: '1', Direction: 'Received', DurationMs: '120' })
      .event('QueueCallerLeave', { ...s.snap(CALLER), Queue: 'support', Position: '1', Count: '0' })
      .wait(3000)
      .hangup(CALLER);
    expect(s.run().only().queueVisits[0]?.outcome).toBe('exit-key');
  });

  it('ring results: busy, rejected and unavailable phones, and answered elsewhere in a ringall queue', () => {
    const s = waiting(new Script());
    ring(s, 'SIP/101-00000002', 'Ivan Petrov');
    ring(s, 'SIP/102-00000003', 'Olga Smirnova');
    ring(s, 'SIP/103-00000004', 'Sergey Ivanov');
    ring(s, 'SIP/104-00000005', 'Anna Kuznetsova');
    ring(s, 'SIP/105-00000006', 'Dmitry Sokolov');
    s.wait(100)
      .dialEnd(CALLER, 'SIP/101-00000002', 'BUSY')
      .event('AgentRingNoAnswer', {
        ...s.snap(CALLER),
        ...s.snap('SIP/101-00000002', 'Dest'),
        ...s.member('support', 'Ivan Petrov', 'SIP/101'),
        RingTime: '100',
      })
      .hangup('SIP/101-00000002', '17')
      .hangup('SIP/102-00000003', '21')
      .event('AgentRingNoAnswer', {
        ...s.snap(CALLER),
        ...s.snap('SIP/102-00000003', 'Dest'),
        ...s.member('support', 'Olga Smirnova', 'SIP/102'),
        RingTime: '100',
      })
      .dialEnd(CALLER, 'SIP/103-00000004', 'CHANUNAVAIL')
      .event('AgentRingNoAnswer', {
        ...s.snap(CALLER),
        ...s.snap('SIP/103-00000004', 'Dest'),
        ...s.member('support', 'Sergey Ivanov', 'SIP/103'),
        RingTime: '100',
      })
      .hangup('SIP/103-00000004', '20')
      .wait(2000)
      .up('SIP/104-00000005')
      .dialEnd(CALLER, 'SIP/104-00000005', 'ANSWER')
      .dialEnd(CALLER, 'SIP/105-00000006', 'CANCEL')
      .hangup('SIP/105-00000006', '26')
      .event('QueueCallerLeave', { ...s.snap(CALLER), Queue: 'support', Position: '1', Count: '0' })
      .event('AgentConnect', {
        ...s.snap(CALLER),
        ...s.snap('SIP/104-00000005', 'Dest'),
        ...s.member('support', 'Anna Kuznetsova', 'SIP/104'),
        HoldTime: '2',
        RingTime: '2',
      })
      .enter('SIP/104-00000005', 'b')
      .enter(CALLER, 'b')
      .wait(10_000)
      .event('AgentComplete', {
        ...s.snap(CALLER),
        ...s.snap('SIP/104-00000005', 'Dest'),
        ...s.member('support', 'Anna Kuznetsova', 'SIP/104'),
        HoldTime: '2',
        TalkTime: '10',
        Reason: 'caller',
      })
      .hangup('SIP/104-00000005')
      .hangup(CALLER);
    const visit = s.run().only().queueVisits[0];
    expect(visit?.attempts.map((a) => `${a.memberName}:${a.result}`)).toEqual([
      'Ivan Petrov:busy',
      'Olga Smirnova:rejected',
      'Sergey Ivanov:unavailable',
      'Anna Kuznetsova:answered',
      'Dmitry Sokolov:answered-elsewhere',
    ]);
    expect(visit?.answeredBy).toEqual({
      operator: 'SIP/104',
      interface: 'SIP/104',
      memberName: 'Anna Kuznetsova',
    });
    expect(visit?.talkMs).toBe(10_000);
  });

  it('one visit per queue: a timeout in one queue, then an answer in the next', () => {
    const s = waiting(new Script()).wait(15_000);
    s.event('QueueCallerAbandon', {
      ...s.snap(CALLER),
      Queue: 'support',
      Position: '1',
      OriginalPosition: '1',
      HoldTime: '15',
    })
      .event('QueueCallerLeave', { ...s.snap(CALLER), Queue: 'support', Position: '1', Count: '0' })
      .varset(CALLER, 'QUEUESTATUS', 'TIMEOUT')
      .event('QueueCallerJoin', { ...s.snap(CALLER), Queue: 'sales', Position: '1', Count: '1' });
    ring(s, 'SIP/104-00000002', 'Anna Kuznetsova', 'sales').wait(3000);
    s.up('SIP/104-00000002')
      .event('QueueCallerLeave', { ...s.snap(CALLER), Queue: 'sales', Position: '1', Count: '0' })
      .event('AgentConnect', {
        ...s.snap(CALLER),
        ...s.snap('SIP/104-00000002', 'Dest'),
        ...s.member('sales', 'Anna Kuznetsova', 'SIP/104'),
      })
      .enter('SIP/104-00000002', 'b')
      .enter(CALLER, 'b')
      .wait(5000)
      .hangup('SIP/104-00000002')
      .hangup(CALLER);
    const call = s.run().only();
    expect(call.queueVisits.map((v) => `${v.queue}:${v.outcome}:${v.waitMs}`)).toEqual([
      'support:timeout:15000',
      'sales:answered:3000',
    ]);
    expect(call.outcome).toBe('answered');
  });

  it('live: the waiting list hears of the join and the leave', () => {
    const s = waiting(new Script()).wait(2000);
    s.event('QueueCallerAbandon', {
      ...s.snap(CALLER),
      Queue: 'support',
      Position: '1',
      OriginalPosition: '1',
      HoldTime: '2',
    })
      .event('QueueCallerLeave', { ...s.snap(CALLER), Queue: 'support', Position: '1', Count: '0' })
      .hangup(CALLER);
    const waitingList = s.run().effects.filter((e) => e.kind === 'queue-waiting');
    expect(waitingList.map((e) => (e.kind === 'queue-waiting' ? e.left === null : null))).toEqual([
      true,
      false,
    ]);
  });
});
