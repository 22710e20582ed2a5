// AMI actions acting on the simulation, answered as Asterisk 20 answers
// them: QueuePause / QueueAdd / QueueRemove change who may be rung (and the
// simulation sends QueueMemberPause / Added / Removed), QueueStatus and
// QueueSummary report its queues, Originate places a call from an
// operator's phone, Hangup ends a channel, Redirect sends a talking caller
// elsewhere, CoreSettings describes the PBX.

import type { AmiMessage } from '@callboard/ami';
import { error, list, success, type ActionHandler, type Reply } from '../server.js';
import type { Field } from '../wire.js';
import { addMember, pauseMember, removeMember } from './agents.js';
import { endTalk } from './connect.js';
import type { Ctx, InboundCall } from './context.js';
import { internal, outbound } from './direct.js';
import type { GeneratedEvent } from './emit.js';
import { abandon } from './inbound.js';
import { DEVICE_STATUS, type Member, type Operator, type Queue } from './model.js';
import type { Simulation } from './simulation.js';
import { redirect } from './transfer.js';

const isTrue = (v: string | undefined): boolean => /^(1|true|yes|on)$/i.test(v ?? '');

function membersFor(ctx: Ctx, action: AmiMessage): Member[] {
  const iface = action.get('Interface') ?? '';
  const queue = action.get('Queue');
  return [...ctx.queues.values()]
    .filter((q) => queue === undefined || queue === '' || q.cfg.name === queue)
    .flatMap((q) => q.members)
    .filter((m) => m.inQueue && m.iface === iface);
}

function operatorFor(ctx: Ctx, channel: string): Operator | undefined {
  const local = /^Local\/(\d+)@/.exec(channel);
  if (local) return ctx.operators.get(local[1] ?? '');
  return ctx.byDevice.get(channel) ?? ctx.byDevice.get(channel.replace(/-[0-9a-f]{8}$/, ''));
}

function queuePause(ctx: Ctx, action: AmiMessage): Reply {
  const members = membersFor(ctx, action);
  if (members.length === 0) return error('Interface not found');
  const paused = isTrue(action.get('Paused'));
  for (const m of members) pauseMember(ctx, m, paused, action.get('Reason') ?? '');
  return success([
    ['Message', paused ? 'Interface paused successfully' : 'Interface unpaused successfully'],
  ]);
}

function queueAdd(ctx: Ctx, action: AmiMessage): Reply {
  const q = ctx.queues.get(action.get('Queue') ?? '');
  if (q === undefined) return error('Unable to add interface to queue: No such queue');
  const iface = action.get('Interface') ?? '';
  let m = q.members.find((x) => x.iface === iface);
  if (m?.inQueue === true) return error('Unable to add interface: Already there');
  if (m === undefined) {
    const op = operatorFor(ctx, action.get('StateInterface') ?? iface);
    if (op === undefined) return error('Unable to add interface to queue: No such device');
    m = {
      queue: q,
      op,
      cfg: {
        operator: op.cfg.extension,
        penalty: 0,
        kind: iface.startsWith('Local/') ? 'local' : 'device',
        membership: 'dynamic',
      },
      iface,
      inQueue: false,
      penalty: 0,
      callsTaken: 0,
      lastCall: 0,
      lastPause: 0,
      loginTime: 0,
      paused: false,
      reason: '',
      inCall: false,
    };
    q.members.push(m);
    op.members.push(m);
  }
  addMember(ctx, m, Number(action.get('Penalty') ?? m.penalty) || 0);
  if (isTrue(action.get('Paused'))) pauseMember(ctx, m, true, action.get('Reason') ?? '');
  return success([['Message', 'Added interface to queue']]);
}

function queueRemove(ctx: Ctx, action: AmiMessage): Reply {
  const q = ctx.queues.get(action.get('Queue') ?? '');
  if (q === undefined) return error('Unable to remove interface from queue: No such queue');
  const m = q.members.find((x) => x.inQueue && x.iface === (action.get('Interface') ?? ''));
  if (m === undefined) return error('Unable to remove interface: Not there');
  removeMember(ctx, m);
  return success([['Message', 'Removed interface from queue']]);
}

function perf(q: Queue): string {
  const done = q.stats.completed + q.stats.abandoned;
  return done === 0 ? '0.0' : ((100 * q.stats.inSl) / done).toFixed(1);
}

function queueStatus(ctx: Ctx, action: AmiMessage): Reply {
  const only = action.get('Queue');
  const nowS = ctx.now / 1000;
  const events: Field[][] = [];
  for (const q of ctx.queues.values()) {
    if (only !== undefined && only !== '' && only !== q.cfg.name) continue;
    const s = q.stats;
    events.push([
      ['Event', 'QueueParams'],
      ['Queue', q.cfg.name],
      ['Max', '0'],
      ['Strategy', q.cfg.strategy],
      ['Calls', String(q.waiting.length)],
      ['Holdtime', String(s.completed === 0 ? 0 : Math.round(s.holdS / s.completed))],
      ['TalkTime', String(s.completed === 0 ? 0 : Math.round(s.talkS / s.completed))],
      ['Completed', String(s.completed)],
      ['Abandoned', String(s.abandoned)],
      ['ServiceLevel', String(q.cfg.serviceLevel)],
      ['ServicelevelPerf', perf(q)],
      ['ServicelevelPerf2', perf(q)],
      ['Weight', String(q.cfg.weight)],
    ]);
    for (const m of q.members.filter((x) => x.inQueue))
      events.push([
        ['Event', 'QueueMember'],
        ['Queue', q.cfg.name],
        ['Name', m.op.cfg.name],
        ['Location', m.iface],
        ['StateInterface', m.op.device],
        ['Membership', m.cfg.membership],
        ['Penalty', String(m.penalty)],
        ['CallsTaken', String(m.callsTaken)],
        ['LastCall', String(m.lastCall)],
        ['LastPause', String(m.lastPause)],
        ['LoginTime', String(m.loginTime)],
        ['InCall', m.inCall ? '1' : '0'],
        ['Status', String(DEVICE_STATUS[ctx.devices.get(m.op.device)] ?? 0)],
        ['Paused', m.paused ? '1' : '0'],
        ['PausedReason', m.reason],
        ['Wrapuptime', '0'],
      ]);
    q.waiting.forEach((v, i) =>
      events.push([
        ['Event', 'QueueEntry'],
        ['Queue', q.cfg.name],
        ['Position', String(i + 1)],
        ['Channel', v.caller.name],
        ['Uniqueid', v.caller.uniqueid],
        ['CallerIDNum', v.caller.cidNum],
        ['CallerIDName', v.caller.cidName],
        ['ConnectedLineNum', v.caller.clNum],
        ['ConnectedLineName', v.caller.clName],
        ['Wait', String(Math.max(0, Math.floor(nowS - v.joinedMs / 1000)))],
        ['Priority', '0'],
      ]),
    );
  }
  return list('Queue status will follow', events, 'QueueStatusComplete');
}

function queueSummary(ctx: Ctx, action: AmiMessage): Reply {
  const only = action.get('Queue');
  const events: Field[][] = [];
  for (const q of ctx.queues.values()) {
    if (only !== undefined && only !== '' && only !== q.cfg.name) continue;
    const logged = q.members.filter((m) => m.inQueue);
    const free = logged.filter((m) => !m.paused && ctx.devices.get(m.op.device) === 'NOT_INUSE');
    const longest = q.waiting[0];
    const s = q.stats;
    events.push([
      ['Event', 'QueueSummary'],
      ['Queue', q.cfg.name],
      ['LoggedIn', String(logged.length)],
      ['Available', String(free.length)],
      ['Callers', String(q.waiting.length)],
      ['HoldTime', String(s.completed === 0 ? 0 : Math.round(s.holdS / s.completed))],
      ['TalkTime', String(s.completed === 0 ? 0 : Math.round(s.talkS / s.completed))],
      ['LongestHoldTime', String(longest ? Math.floor((ctx.now - longest.joinedMs) / 1000) : 0)],
    ]);
  }
  return list('Queue summary will follow', events, 'QueueSummaryComplete');
}

function callOf(ctx: Ctx, name: string): InboundCall | undefined {
  for (const c of ctx.calls)
    if (c.caller.name === name || c.talk?.phone.name === name || c.talk?.peer.name === name)
      return c;
  return undefined;
}

function hangupAction(ctx: Ctx, action: AmiMessage): Reply {
  const name = action.get('Channel') ?? '';
  const call = callOf(ctx, name);
  if (call?.visit && !call.visit.done) abandon(ctx, call, call.visit);
  else if (call?.talk) endTalk(ctx, call.talk, call.caller.name === name ? 'caller' : 'agent');
  else return error('No such channel');
  return success([['Message', 'Channel Hungup']]);
}

function originate(ctx: Ctx, action: AmiMessage): Reply {
  const op = operatorFor(ctx, action.get('Channel') ?? '');
  const exten = action.get('Exten') ?? '';
  if (op === undefined || exten === '') return error('Originate failed');
  const target = ctx.operators.get(exten);
  if (target !== undefined && target !== op) internal(ctx, op, target);
  else outbound(ctx, op, exten);
  return success([['Message', 'Originate successfully queued']]);
}

function redirectAction(ctx: Ctx, action: AmiMessage): Reply {
  const call = callOf(ctx, action.get('Channel') ?? '');
  const exten = action.get('Exten') ?? '';
  if (call?.talk === undefined || call.talk === null)
    return error('Channel specified does not exist');
  if (!redirect(ctx, call.talk, exten)) return error('Redirect failed');
  return success([['Message', 'Redirect successful']]);
}

const coreSettings = (): Reply =>
  success([
    ['AMIversion', '9.0.0'],
    ['AsteriskVersion', '20.20.1'],
    ['SystemName', ''],
    ['CoreMaxCalls', '0'],
    ['CoreMaxLoadAvg', '0.000000'],
    ['CoreRunUser', 'asterisk'],
    ['CoreRunGroup', 'asterisk'],
    ['CoreMaxFilehandles', '0'],
    ['CoreRealTimeEnabled', 'No'],
    ['CoreCDRenabled', 'Yes'],
    ['CoreHTTPenabled', 'No'],
    ['SoundsSearchCustomDir', 'No'],
  ]);

/**
 * AmiServer handlers that act on a running simulation. `sync` brings the
 * simulation up to now before an action; `publish` sends the events an
 * action caused.
 */
export function simulationHandlers(
  sim: Simulation,
  sync: () => void,
  publish: (events: readonly GeneratedEvent[]) => void,
): Record<string, ActionHandler> {
  const acting =
    (fn: (ctx: Ctx, action: AmiMessage) => Reply): ActionHandler =>
    ({ action }) => {
      sync();
      const { result, events } = sim.act((ctx) => fn(ctx, action));
      publish(events);
      return result;
    };
  return {
    QueuePause: acting(queuePause),
    QueueAdd: acting(queueAdd),
    QueueRemove: acting(queueRemove),
    QueueStatus: acting(queueStatus),
    QueueSummary: acting(queueSummary),
    Originate: acting(originate),
    Hangup: acting(hangupAction),
    Redirect: acting(redirectAction),
    CoreSettings: coreSettings,
  };
}
