// Queue members and phones: what QueueMember*, QueueStatus answers and
// DeviceStateChange say about operators.

import type { AmiMessage } from '@callboard/ami';
import type { Ctx } from './context.js';
import { isLocal } from './names.js';
import { deviceState } from './operator-state.js';

/** QueueMember (a QueueStatus answer) and QueueMemberAdded/Status/Pause/Penalty/Ringinuse. */
export function memberSeen(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const queue = m.get('Queue');
  // QueueStatus lists members as Name/Location; the events say MemberName/Interface.
  const iface = m.get('Interface') ?? m.get('Location');
  if (queue === undefined || iface === undefined) return;
  const name = m.get('MemberName') ?? m.get('Name') ?? null;
  const stateInterface = m.get('StateInterface') ?? null;
  const station = ctx.cfg.stationOf(server);
  const op = ctx.directory.learnMember(station, iface, name, stateInterface);
  const paused = m.get('Paused');
  const status = m.get('Status');
  ctx.operators.member(
    station,
    op.key,
    op.name,
    queue,
    at,
    paused === undefined ? null : paused === '1' || paused.toLowerCase() === 'true',
    m.get('PausedReason') ?? null,
    status === undefined ? null : deviceState(status),
  );
}

export function memberRemoved(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const queue = m.get('Queue');
  const iface = m.get('Interface');
  if (queue === undefined || iface === undefined) return;
  const station = ctx.cfg.stationOf(server);
  const op = ctx.directory.learnMember(
    station,
    iface,
    m.get('MemberName') ?? null,
    m.get('StateInterface') ?? null,
  );
  ctx.operators.removed(station, op.key, queue, at);
}

export function deviceChanged(ctx: Ctx, server: string, m: AmiMessage, at: number): void {
  const device = m.get('Device');
  const state = m.get('State');
  // A Local member's own device state mirrors its phone's; the phone is what counts.
  if (device === undefined || state === undefined || isLocal(device)) return;
  const station = ctx.cfg.stationOf(server);
  ctx.operators.device(
    station,
    device,
    deviceState(state),
    at,
    ctx.directory.operatorOf(station, device)?.key,
  );
}
