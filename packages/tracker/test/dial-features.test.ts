import { describe, expect, it } from 'vitest';
import { Script } from './script.js';

describe('dial features', () => {
  it('click-to-dial (AMI Originate): the operator phone rings first, then the number is dialled', () => {
    const s = new Script()
      // Originate creates the phone's channel; nobody dialled it and it is not yet in the dialplan.
      .newchannel('SIP/101-00000001', {
        callerNum: '101',
        callerName: 'Ivan Petrov',
        exten: '79161234567',
      })
      .wait(3000)
      .up('SIP/101-00000001')
      .event('OriginateResponse', {
        Response: 'Success',
        Channel: 'SIP/101-00000001',
        Context: 'from-internal',
        Exten: '79161234567',
        Reason: '4',
      })
      .newchannel('SIP/trunk-00000002', { linkedid: 'SIP/101-00000001', context: 'from-trunk' })
      .dial('SIP/101-00000001', 'SIP/trunk-00000002', 'trunk/79161234567')
      .wait(5000)
      .up('SIP/trunk-00000002')
      .dialEnd('SIP/101-00000001', 'SIP/trunk-00000002', 'ANSWER')
      .enter('SIP/trunk-00000002', 'b')
      .enter('SIP/101-00000001', 'b')
      .wait(30_000)
      .hangup('SIP/trunk-00000002')
      .hangup('SIP/101-00000001');
    const call = s.run({ operators: ['^SIP/1\\d\\d$'] }).only();
    expect(call.direction).toBe('outbound');
    expect(call.from).toEqual({ number: '101', name: 'Ivan Petrov', operator: 'SIP/101' });
    expect(call.to.number).toBe('79161234567');
    expect(call.answeredBy).toMatchObject({ kind: 'external', number: '79161234567' });
  });

  it('call forwarding (302): the dial follows the forward and the call is answered at the new target', () => {
    const s = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '79990001122',
        context: 'from-trunk',
        exten: '201',
        state: 'Ring',
      })
      .up('SIP/trunk-00000001')
      .newchannel('SIP/201-00000002', { linkedid: 'SIP/trunk-00000001', callerNum: '201' })
      .dial('SIP/trunk-00000001', 'SIP/201-00000002', '201')
      .wait(1000);
    s.event('DialEnd', {
      ...s.snap('SIP/trunk-00000001'),
      ...s.snap('SIP/201-00000002', 'Dest'),
      DialStatus: 'ANSWER',
      Forward: 'SIP/trunk/89031112233',
    })
      .hangup('SIP/201-00000002')
      .newchannel('SIP/trunk-00000003', { linkedid: 'SIP/trunk-00000001', context: 'from-trunk' })
      .dial('SIP/trunk-00000001', 'SIP/trunk-00000003', 'trunk/89031112233')
      .wait(4000)
      .up('SIP/trunk-00000003')
      .enter('SIP/trunk-00000003', 'b')
      .enter('SIP/trunk-00000001', 'b')
      .wait(10_000)
      .hangup('SIP/trunk-00000003')
      .hangup('SIP/trunk-00000001');
    const call = s.run().only();
    expect(call.outcome).toBe('answered');
    expect(call.answeredBy).toMatchObject({ kind: 'external', number: '89031112233' });
    expect(call.legs).toHaveLength(1);
  });

  it('a pickup joins the picking phone to the ringing call', () => {
    const s = new Script()
      .newchannel('SIP/trunk-00000001', {
        callerNum: '79990001122',
        context: 'from-trunk',
        exten: '201',
        state: 'Ring',
      })
      .newchannel('SIP/201-00000002', { linkedid: 'SIP/trunk-00000001', callerNum: '201' })
      .dial('SIP/trunk-00000001', 'SIP/201-00000002', '201')
      .wait(2000)
      .newchannel('SIP/202-00000003', { callerNum: '202', exten: '*8', state: 'Ring' });
    s.event('Pickup', { ...s.snap('SIP/202-00000003'), ...s.snap('SIP/201-00000002', 'Target') })
      .hangup('SIP/201-00000002')
      .enter('SIP/202-00000003', 'b')
      .enter('SIP/trunk-00000001', 'b')
      .wait(5000)
      .hangup('SIP/202-00000003')
      .hangup('SIP/trunk-00000001');
    const call = s.run().only();
    expect(call.answeredBy?.number).toBe('202');
    expect(call.attrs.channels).toHaveLength(3);
  });
});
