// The attended transfer as the Atxfer feature (`*2`) makes it: the caller
// is held, the operator dials a colleague through a Local channel pair and
// talks to them in a consultation bridge, then hangs up: the two bridges
// merge (BridgeMerge, AttendedTransfer) and the caller talks to the colleague.

import type { Channel } from './channel.js';
import type { Bridge, Ctx, Talk } from './context.js';
import { line } from './emit.js';
import type { Operator } from './model.js';
import { complete } from './connect.js';
import { endCaller } from './inbound.js';
import {
  bridgeCreate,
  bridgeDestroy,
  bridgeEnter,
  bridgeLeave,
  bridgeLines,
  callerId,
  channelEvent,
  connectedLine,
  dial,
  dialEndVars,
  dialStartVars,
  hangup,
  newChannel,
  newexten,
  newstate,
  refreshPhone,
  remoteHangup,
  rtpQos,
  unpeer,
  varSet,
} from './pbx.js';
import { peers, ringPhone } from './phone.js';
import { queueVars } from './queue-vars.js';

function dtmf(ctx: Ctx, ch: Channel, digits: string): void {
  for (const d of digits)
    ctx.em.event(
      'DTMFEnd',
      ch.snap() + line('Digit', d) + line('DurationMs', 0) + line('Direction', 'Received'),
    );
}

export function attended(ctx: Ctx, talk: Talk, target: Operator): void {
  const { call, phone, op, bridge } = talk;
  const caller = call.caller;
  const internal = ctx.config.contexts.internal;
  const ext = target.cfg.extension;
  target.reserved = true;
  dtmf(ctx, phone, '*2');
  channelEvent(ctx, 'Hold', phone);
  channelEvent(ctx, 'MusicOnHoldStart', caller, line('Class', 'default'));
  dtmf(ctx, phone, ext);
  const base = ctx.ids.localPair(ext, internal);
  const init = {
    cidNum: '<unknown>',
    cidName: '<unknown>',
    context: internal,
    exten: ext,
    device: `Local/${ext}@${internal}`,
  };
  const one = newChannel(ctx, `${base};1`, phone.linkedid, { ...init, state: 0 });
  const two = newChannel(ctx, `${base};2`, phone.linkedid, { ...init, state: 4 });
  varSet(ctx, one, 'TRANSFERERNAME', phone.name);
  varSet(ctx, one, 'ATTENDEDTRANSFER', phone.name);
  varSet(ctx, two, 'ATTENDEDTRANSFER', phone.name);
  varSet(ctx, two, 'TRANSFERERNAME', phone.name);
  const consult: Bridge = bridgeCreate(ctx);
  callerId(ctx, two, op.cfg.extension, op.cfg.name);
  ctx.em.event(
    'LocalBridge',
    one.snap('LocalOne') +
      two.snap('LocalTwo') +
      line('Context', internal) +
      line('Exten', ext) +
      line('LocalOptimization', 'Yes'),
  );
  newexten(ctx, two, { priority: 1 }, 'NoOp', `Internal call ${op.cfg.extension} -> ${ext}`);
  newexten(ctx, two, { priority: 2 }, 'Dial', `${target.device},20,tT`);
  dialStartVars(ctx, two);
  connectedLine(ctx, one, op.cfg.extension, op.cfg.name);
  bridgeEnter(ctx, consult, one);
  varSet(ctx, one, 'ATTENDEDTRANSFER', '');
  bridgeLeave(ctx, bridge, phone);
  bridgeEnter(ctx, consult, phone);
  peers(ctx, one, phone);
  peers(ctx, phone, one);
  const ch = ringPhone(ctx, two, target);
  connectedLine(ctx, two, ext, target.cfg.name);
  connectedLine(ctx, phone, ext, target.cfg.name);
  newstate(ctx, ch, 5);
  newstate(ctx, one, 5);
  callerId(ctx, one, ext, target.cfg.name);
  dial(ctx, 'DialState', null, one, 'RINGING');
  dial(ctx, 'DialState', two, ch, 'RINGING');
  ctx.devices.set(one.device, 'INUSE', true);
  const at = ctx.now + Math.min(ctx.rng.sample(target.cfg.answerDelay), 15) * 1000;
  call.timers.push(
    ctx.timers.at(at, () => {
      newstate(ctx, ch, 6);
      refreshPhone(ctx, target);
      ch.set({ exten: '' });
      varSet(ctx, two, 'DIALSTATUS', 'ANSWER');
      dial(ctx, 'DialEnd', two, ch, 'ANSWER');
      newstate(ctx, two, 6);
      const far = bridgeCreate(ctx);
      newexten(ctx, ch, { priority: 1 }, 'AppDial', '(Outgoing Line)');
      bridgeEnter(ctx, far, ch);
      peers(ctx, ch, two);
      newstate(ctx, one, 6);
      ctx.devices.set(one.device, 'INUSE', true);
      dial(ctx, 'DialEnd', null, one, 'ANSWER');
      peers(ctx, one, phone);
      bridgeEnter(ctx, far, two);
      peers(ctx, two, ch);
      const consultMs = ctx.rng.sample(ctx.config.transfers.consult) * 1000;
      call.timers.push(
        ctx.timers.at(ctx.now + consultMs, () =>
          completeAttended(ctx, talk, target, { one, two, ch, consult, far }),
        ),
      );
    }),
  );
}

interface Consultation {
  readonly one: Channel;
  readonly two: Channel;
  readonly ch: Channel;
  readonly consult: Bridge;
  readonly far: Bridge;
}

function completeAttended(ctx: Ctx, talk: Talk, target: Operator, c: Consultation): void {
  const { call, phone, op, bridge } = talk;
  const caller = call.caller;
  channelEvent(ctx, 'MusicOnHoldStop', caller);
  unpeer(ctx, phone);
  bridgeLeave(ctx, c.consult, phone);
  rtpQos(ctx, phone);
  ctx.em.event('BridgeMerge', bridgeLines(bridge, 'To') + bridgeLines(c.consult, 'From'));
  bridgeLeave(ctx, c.consult, c.one);
  bridgeEnter(ctx, bridge, c.one);
  peers(ctx, c.one, caller);
  peers(ctx, caller, c.one);
  connectedLine(ctx, caller, target.cfg.extension, target.cfg.name);
  connectedLine(ctx, c.one, caller.cidNum, caller.cidName);
  ctx.em.event(
    'AttendedTransfer',
    line('Result', 'Success') +
      phone.snap('OrigTransferer') +
      bridgeLines({ id: bridge.id, channels: [caller, phone] }, 'Orig') +
      phone.snap('SecondTransferer') +
      bridgeLines(c.consult, 'Second') +
      caller.snap('Transferee') +
      c.one.snap('TransferTarget') +
      line('IsExternal', 'No') +
      line('DestType', 'Bridge') +
      line('DestBridgeUniqueid', bridge.id),
  );
  if (talk.visit) talk.visit.truth.transfer = 'attended';
  complete(ctx, talk, 'transfer');
  bridgeDestroy(ctx, c.consult);
  connectedLine(ctx, c.ch, caller.cidNum, caller.cidName);
  op.channels.delete(phone);
  refreshPhone(ctx, op);
  hangup(ctx, phone, 16);
  call.talk = null;
  target.reserved = false;
  ctx.flow.freed(op);
  const talkMs = ctx.rng.sample(ctx.config.callers.talk) * 1000;
  call.timers.push(
    ctx.timers.at(ctx.now + talkMs, () => {
      remoteHangup(ctx, caller);
      rtpQos(ctx, c.one);
      unpeer(ctx, caller, c.one);
      bridgeLeave(ctx, bridge, caller);
      bridgeLeave(ctx, bridge, c.one);
      if (talk.visit) queueVars(ctx, caller, talk.visit.queue);
      bridgeDestroy(ctx, bridge);
      channelEvent(ctx, 'HangupRequest', c.two, line('Cause', 16));
      unpeer(ctx, c.two);
      hangup(ctx, c.one, 16);
      ctx.devices.set(c.one.device, 'NOT_INUSE', true);
      callerId(ctx, c.two, c.two.cidNum, c.two.cidName);
      bridgeLeave(ctx, c.far, c.two);
      bridgeLeave(ctx, c.far, c.ch);
      dialEndVars(ctx, c.two, 'ANSWER', talkMs, talkMs);
      bridgeDestroy(ctx, c.far);
      channelEvent(ctx, 'SoftHangupRequest', c.two, line('Cause', 16));
      target.channels.delete(c.ch);
      refreshPhone(ctx, target);
      hangup(ctx, c.two, 16);
      ctx.devices.set(c.one.device, 'NOT_INUSE', true);
      hangup(ctx, c.ch, 16);
      target.lastCallEndMs = ctx.em.nowMs;
      endCaller(ctx, call, 16);
      ctx.flow.freed(target);
    }),
  );
}
