// Dialling an operator's phone directly (not through a queue), and the
// peer variables a bridge sets: shared by transfers and direct calls.

import type { Channel } from './channel.js';
import type { Ctx } from './context.js';
import type { Operator } from './model.js';
import { dial, newChannel, newexten, refreshPhone, varSet } from './pbx.js';

const peerOf = (device: string): string => device.slice(device.indexOf('/') + 1);

export /** BRIDGEPEER and BRIDGEPVTCALLID as the bridge sets them on `ch`. */
function peers(ctx: Ctx, ch: Channel, peer: Channel): void {
  varSet(ctx, ch, 'BRIDGEPEER', peer.name);
  varSet(ctx, ch, 'BRIDGEPVTCALLID', `${ctx.rng.hex(32)}@127.0.0.1:5160`);
}

export /** The target's phone channel, dialled by `from`. */
function ringPhone(ctx: Ctx, from: Channel, target: Operator): Channel {
  const ch = newChannel(ctx, ctx.ids.sipChannel(target.device), from.linkedid, {
    state: 0,
    cidNum: target.cfg.extension,
    cidName: target.cfg.name,
    context: ctx.config.contexts.internal,
    exten: 's',
    device: target.device,
  });
  target.channels.add(ch);
  ch.set({ clNum: from.cidNum, clName: from.cidName });
  newexten(ctx, ch, { exten: target.cfg.extension, priority: 1 }, 'AppDial', '(Outgoing Line)');
  ctx.em.event('NewConnectedLine', ch.snap());
  refreshPhone(ctx, target);
  dial(ctx, 'DialBegin', from, ch, peerOf(target.device));
  return ch;
}
