import { describe, expect, it } from 'vitest';
import { Script } from './script.js';

/** pbx1 takes a call and sends it over IAX2 to pbx2, where an operator answers. */
function crossing(pbx1: Script, pbx2: Script, variable?: string): Script {
  pbx1
    .newchannel('SIP/trunk-00000001', {
      callerNum: '79990001122',
      context: 'from-trunk',
      exten: '74950000080',
      state: 'Ring',
    })
    .newchannel('IAX2/pbx2-1001', { linkedid: 'SIP/trunk-00000001', callerNum: '79990001122' })
    .dial('SIP/trunk-00000001', 'IAX2/pbx2-1001', 'pbx2/74950000080');
  pbx2.wait(20).newchannel('IAX2/pbx1-2002', {
    callerNum: '79990001122',
    context: 'from-pbx1',
    exten: '74950000080',
    state: 'Ring',
  });
  if (variable)
    pbx2.varset('IAX2/pbx1-2002', variable, `pbx1/${pbx1.chan('SIP/trunk-00000001').linkedid}`);
  pbx2
    .newchannel('SIP/agent202-00000001', {
      linkedid: 'IAX2/pbx1-2002',
      callerNum: '202',
      callerName: 'Irina Morozova',
    })
    .dial('IAX2/pbx1-2002', 'SIP/agent202-00000001');
  pbx1
    .wait(50)
    .up('IAX2/pbx2-1001')
    .up('SIP/trunk-00000001')
    .enter('IAX2/pbx2-1001', 'p1')
    .enter('SIP/trunk-00000001', 'p1');
  pbx2
    .wait(3000)
    .up('SIP/agent202-00000001')
    .enter('SIP/agent202-00000001', 'p2')
    .enter('IAX2/pbx1-2002', 'p2');
  pbx1.wait(10_000).hangup('IAX2/pbx2-1001').hangup('SIP/trunk-00000001');
  pbx2.wait(7000).hangup('SIP/agent202-00000001').hangup('IAX2/pbx1-2002');
  // One stream, in time order, as the collector would deliver it.
  const merged = new Script();
  merged.messages.push(...[...pbx1.messages, ...pbx2.messages].sort((a, b) => a.at - b.at));
  return merged;
}

describe('a call crossing servers', () => {
  it('is one call when the caller number, the dialled number and the time match (heuristic)', () => {
    const call = crossing(new Script('pbx1'), new Script('pbx2'))
      .run({ servers: ['pbx1', 'pbx2'] })
      .only();
    expect(call.servers).toEqual(['pbx1', 'pbx2']);
    expect(call.flags).toContain('linked-by-heuristic');
    expect(call.direction).toBe('inbound');
    expect(call.from.number).toBe('79990001122');
    expect(call.answeredBy).toMatchObject({ name: 'Irina Morozova', server: 'pbx2' });
    expect(call.legs.map((l) => `${l.a.number}@${l.a.server}-${l.b.number}@${l.b.server}`)).toEqual(
      ['79990001122@pbx1-202@pbx2'],
    );
  });

  it('is one call, exactly, when a channel variable carries the sending linkedid', () => {
    const call = crossing(new Script('pbx1'), new Script('pbx2'), 'CALLBOARD_LINK')
      .run({ servers: ['pbx1', 'pbx2'], crossServer: { variable: 'CALLBOARD_LINK', windowMs: 0 } })
      .only();
    expect(call.flags).not.toContain('linked-by-heuristic');
    expect(call.legs).toHaveLength(1);
  });

  it('stays two calls when the halves are too far apart in time', () => {
    const out = crossing(new Script('pbx1'), new Script('pbx2')).run({
      servers: ['pbx1', 'pbx2'],
      crossServer: { windowMs: 5 },
    });
    expect(out.calls).toHaveLength(2);
  });
});
