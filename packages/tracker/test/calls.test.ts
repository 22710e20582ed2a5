import { describe, expect, it } from 'vitest';
import { Script, after } from './script.js';

/** An inbound call from the trunk, dialled to a phone that answers after 2 s and talks for 10 s. */
function directInbound(s: Script, phone = 'SIP/201-00000001'): Script {
  return s
    .newchannel('SIP/trunk-00000001', {
      callerNum: '79990001122',
      context: 'from-trunk',
      exten: '74950000001',
      state: 'Ring',
    })
    .up('SIP/trunk-00000001')
    .newchannel(phone, {
      linkedid: 'SIP/trunk-00000001',
      callerNum: '201',
      callerName: 'Front desk',
    })
    .dial('SIP/trunk-00000001', phone, '201')
    .wait(2000)
    .up(phone)
    .dialEnd('SIP/trunk-00000001', phone, 'ANSWER')
    .enter(phone, 'b1')
    .enter('SIP/trunk-00000001', 'b1')
    .wait(10_000)
    .leave('SIP/trunk-00000001', 'b1')
    .leave(phone, 'b1')
    .hangup(phone)
    .hangup('SIP/trunk-00000001');
}

describe('calls without a queue', () => {
  it('an inbound call to an extension: direction, parties, answer and talk', () => {
    const call = directInbound(new Script()).run().only();
    expect(call.direction).toBe('inbound');
    expect(call.from).toEqual({ number: '79990001122', name: null, operator: null });
    expect(call.to.number).toBe('74950000001');
    expect(call.trunk).toBe('SIP/trunk');
    expect(call.outcome).toBe('answered');
    expect(call.answeredBy).toMatchObject({ kind: 'extension', number: '201', name: 'Front desk' });
    expect(after(call.answeredAt)).toBe(2000);
    expect(call.legs).toHaveLength(1);
    expect(after(call.legs[0]?.to ?? null)).toBe(12_000);
    expect(call.queueVisits).toEqual([]);
  });

  it('an operator phone learned from queue membership is an operator', () => {
    const s = new Script().event('QueueMemberAdded', {
      ...new Script().member('support', 'Ivan Petrov', 'SIP/201'),
      Status: '1',
      Paused: '0',
    });
    const call = directInbound(s).run().only();
    expect(call.answeredBy).toMatchObject({
      kind: 'operator',
      operator: 'SIP/201',
      name: 'Ivan Petrov',
    });
    expect(call.to.operator).toBe('SIP/201');
  });

  it('an outbound call: the operator dials through the trunk; the dialplan may change the caller id', () => {
    const call = outbound(new Script(), 'ANSWER').run().only();
    expect(call.direction).toBe('outbound');
    expect(call.from).toEqual({ number: '101', name: 'Ivan Petrov', operator: null });
    expect(call.to.number).toBe('89161234567');
    expect(call.trunk).toBe('SIP/trunk');
    expect(call.answeredBy).toMatchObject({ kind: 'external', number: '79161234567' });
  });

  it('an outbound call that finds the line busy', () => {
    const call = outbound(new Script(), 'BUSY').run().only();
    expect(call.outcome).toBe('busy');
    expect(call.answeredAt).toBeNull();
    expect(call.legs).toEqual([]);
  });

  it('a feature code is a service call', () => {
    const call = new Script()
      .newchannel('SIP/105-00000001', { callerNum: '105', exten: '*45', state: 'Ring' })
      .up('SIP/105-00000001')
      .wait(1500)
      .hangup('SIP/105-00000001')
      .run()
      .only();
    expect(call.flags).toContain('service');
    expect(call.to.number).toBe('*45');
  });
});

function outbound(s: Script, status: 'ANSWER' | 'BUSY'): Script {
  s.newchannel('SIP/101-00000001', {
    callerNum: '101',
    callerName: 'Ivan Petrov',
    exten: '89161234567',
    state: 'Ring',
  })
    .newchannel('SIP/trunk-00000002', { linkedid: 'SIP/101-00000001', context: 'from-trunk' })
    .dial('SIP/101-00000001', 'SIP/trunk-00000002', 'trunk/79161234567');
  // The dialplan sets the company number as the caller id before dialling.
  s.chan('SIP/101-00000001').callerNum = '74951234567';
  s.event('NewCallerid', s.snap('SIP/101-00000001')).wait(4000);
  if (status === 'BUSY') {
    return s
      .dialEnd('SIP/101-00000001', 'SIP/trunk-00000002', 'BUSY')
      .hangup('SIP/trunk-00000002', '17')
      .hangup('SIP/101-00000001', '17');
  }
  return s
    .up('SIP/trunk-00000002')
    .dialEnd('SIP/101-00000001', 'SIP/trunk-00000002', 'ANSWER')
    .up('SIP/101-00000001')
    .enter('SIP/trunk-00000002', 'b1')
    .enter('SIP/101-00000001', 'b1')
    .wait(16_000)
    .leave('SIP/101-00000001', 'b1')
    .leave('SIP/trunk-00000002', 'b1')
    .hangup('SIP/trunk-00000002')
    .hangup('SIP/101-00000001');
}

describe('grouping channels into calls', () => {
  it('an attended transfer made from the phone joins two calls with different linkedids', () => {
    const s = new Script();
    directInbound(s, 'SIP/101-00000001');
    // Replace the end of the plain call: start again with a transfer story.
    s.messages.length = 0;
    s.newchannel('SIP/trunk-00000001', {
      callerNum: '79990001122',
      context: 'from-trunk',
      exten: '74950000001',
      state: 'Ring',
    })
      .up('SIP/trunk-00000001')
      .newchannel('SIP/101-00000002', {
        linkedid: 'SIP/trunk-00000001',
        callerNum: '101',
        callerName: 'Ivan Petrov',
      })
      .dial('SIP/trunk-00000001', 'SIP/101-00000002')
      .wait(1000)
      .up('SIP/101-00000002')
      .enter('SIP/101-00000002', 'A')
      .enter('SIP/trunk-00000001', 'A')
      .wait(5000)
      .event('Hold', s.snap('SIP/101-00000002'))
      // The consultation: a new call from the same phone, its own linkedid.
      .newchannel('SIP/101-00000003', {
        callerNum: '101',
        callerName: 'Ivan Petrov',
        exten: '103',
        state: 'Ring',
      })
      .newchannel('SIP/103-00000004', {
        linkedid: 'SIP/101-00000003',
        callerNum: '103',
        callerName: 'Sergey Ivanov',
      })
      .dial('SIP/101-00000003', 'SIP/103-00000004')
      .wait(3000)
      .up('SIP/103-00000004')
      .enter('SIP/103-00000004', 'B')
      .enter('SIP/101-00000003', 'B')
      .wait(6000)
      .leave('SIP/101-00000002', 'A')
      .leave('SIP/101-00000003', 'B')
      .event('AttendedTransfer', {
        Result: 'Success',
        ...s.snap('SIP/101-00000002', 'OrigTransferer'),
        OrigBridgeUniqueid: 'A',
        ...s.snap('SIP/101-00000003', 'SecondTransferer'),
        SecondBridgeUniqueid: 'B',
        ...s.snap('SIP/trunk-00000001', 'Transferee'),
        ...s.snap('SIP/103-00000004', 'TransferTarget'),
        DestType: 'Bridge',
        DestBridgeUniqueid: 'A',
      })
      .leave('SIP/103-00000004', 'B')
      .setLinkedid('SIP/103-00000004', 'SIP/trunk-00000001')
      .enter('SIP/103-00000004', 'A')
      .hangup('SIP/101-00000002')
      .hangup('SIP/101-00000003')
      .wait(20_000)
      .leave('SIP/trunk-00000001', 'A')
      .leave('SIP/103-00000004', 'A')
      .hangup('SIP/103-00000004')
      .hangup('SIP/trunk-00000001');
    const call = s.run().only();
    expect(call.linkedids).toHaveLength(2);
    expect(call.transfers).toHaveLength(1);
    expect(call.transfers[0]).toMatchObject({
      kind: 'attended',
      by: { number: '101' },
      to: { party: { number: '103' } },
    });
    const who = call.legs.map((l) => `${l.a.number}-${l.b.number}`);
    expect(who).toEqual(['79990001122-101', '101-103', '79990001122-103']);
    expect(call.answeredBy?.number).toBe('101');
  });

  it('a Local pair optimised away leaves one leg, not two', () => {
    const t = new Script();
    t.newchannel('SIP/trunk-00000001', {
      callerNum: '79990001122',
      context: 'from-trunk',
      exten: '74950000001',
      state: 'Ring',
    })
      .up('SIP/trunk-00000001')
      .newchannel('Local/104@from-queue-00000001;1', { linkedid: 'SIP/trunk-00000001' })
      .newchannel('Local/104@from-queue-00000001;2', { linkedid: 'SIP/trunk-00000001' })
      .newchannel('SIP/104-00000002', { linkedid: 'SIP/trunk-00000001', callerNum: '104' })
      .dial('Local/104@from-queue-00000001;2', 'SIP/104-00000002')
      .wait(3000)
      .enter('SIP/104-00000002', 'inner')
      .enter('Local/104@from-queue-00000001;2', 'inner')
      .enter('Local/104@from-queue-00000001;1', 'outer')
      .enter('SIP/trunk-00000001', 'outer')
      .wait(100)
      .leave('SIP/104-00000002', 'inner')
      .leave('Local/104@from-queue-00000001;1', 'outer')
      .wait(2)
      .enter('SIP/104-00000002', 'outer')
      .leave('Local/104@from-queue-00000001;2', 'inner')
      .hangup('Local/104@from-queue-00000001;1')
      .hangup('Local/104@from-queue-00000001;2')
      .wait(20_000)
      .leave('SIP/trunk-00000001', 'outer')
      .leave('SIP/104-00000002', 'outer')
      .hangup('SIP/104-00000002')
      .hangup('SIP/trunk-00000001');
    const call = t.run().only();
    expect(call.legs).toHaveLength(1);
    expect(after(call.legs[0]?.from ?? null)).toBe(3000);
    expect(after(call.legs[0]?.to ?? null)).toBe(23_102);
  });

  it('follows a renamed channel', () => {
    const s = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '79990001122',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .event('Rename', {
        Channel: 'SIP/trunk-00000001',
        Newname: 'SIP/trunk-00000001<MASQ>',
        Uniqueid: '',
      });
    s.chan('SIP/trunk-00000001').name = 'SIP/trunk-00000001<MASQ>';
    const call = s.wait(1000).hangup('SIP/trunk-00000001').run().only();
    expect(call.attrs.channels[0]?.name).toBe('SIP/trunk-00000001<MASQ>');
    expect(call.attrs.channels[0]?.endedAt).not.toBeNull();
  });

  it('keeps channel attributes: variables (unescaped), dialplan steps, hangup cause', () => {
    const t = new Script().newchannel('SIP/trunk-00000001', {
      callerNum: '79990001122',
      callerName: "O\\'Brien",
      context: 'from-trunk',
      exten: '100',
      state: 'Ring',
    });
    t.varset('SIP/trunk-00000001', 'NOTE', 'line1\\nline2');
    t.chan('SIP/trunk-00000001').context = 'ivr-main';
    t.chan('SIP/trunk-00000001').exten = 's';
    t.event('Newexten', {
      ...t.snap('SIP/trunk-00000001'),
      Extension: 's',
      Application: 'Background',
      AppData: 'welcome',
    });
    const call = t.wait(500).hangup('SIP/trunk-00000001', '17').run().only();
    const ch = call.attrs.channels[0];
    expect(call.from.name).toBe("O'Brien");
    expect(ch?.variables.NOTE).toBe('line1\nline2');
    expect(ch?.dialplan.map((d) => `${d.context}/${d.exten}`)).toEqual([
      'from-trunk/100',
      'ivr-main/s',
    ]);
    expect(ch?.dialplan[1]?.app).toBe('Background');
    expect(ch?.hangupCause).toBe('17');
  });
});

describe('bridges', () => {
  it('two calls bridged together become one call, before any linkedid changes', () => {
    const call = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '79990001122',
        context: 'from-trunk',
        exten: '100',
        state: 'Ring',
      })
      .up('SIP/trunk-00000001')
      .newchannel('SIP/101-00000002', { callerNum: '101', exten: '555', state: 'Ring' })
      .up('SIP/101-00000002')
      .enter('SIP/trunk-00000001', 'b1')
      .enter('SIP/101-00000002', 'b1')
      .wait(5000)
      .hangup('SIP/101-00000002')
      .hangup('SIP/trunk-00000001')
      .run()
      .only();
    expect(call.linkedids).toHaveLength(2);
    expect(call.legs).toHaveLength(1);
  });

  it('a holding bridge (parking, a conference lobby) does not join calls', () => {
    const out = new Script()
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
      .enter('SIP/trunk-00000001', 'park', 'holding')
      .enter('SIP/trunk-00000002', 'park', 'holding')
      .wait(1000)
      .hangup('SIP/trunk-00000001')
      .hangup('SIP/trunk-00000002')
      .run();
    expect(out.calls).toHaveLength(2);
  });
});

describe('live', () => {
  it('announces a call when it starts, when it is answered and when it ends its conversation', () => {
    const s = new Script().event('QueueMemberAdded', {
      ...new Script().member('support', 'Front desk', 'SIP/201'),
      Paused: '0',
    });
    const progress = directInbound(s)
      .run()
      .effects.flatMap((e) => (e.kind === 'call-progress' ? [e] : []));
    expect(
      progress.map((p) => [p.answeredAt === null ? 'ringing' : 'answered', p.operators]),
    ).toEqual([
      ['ringing', []],
      ['answered', ['SIP/201']],
      ['answered', []],
    ]);
    expect(new Set(progress.map((p) => p.call)).size).toBe(1);
  });

  it('says nothing live when live changes are off', () => {
    const out = directInbound(new Script()).run({ live: false });
    expect(
      out.effects.every((e) => e.kind === 'call-finished' || e.kind === 'operator-interval'),
    ).toBe(true);
  });
});
