// Channel lifecycle: creation, the snapshot fields every channel event
// carries, dialplan steps, variables, hangup.

import type { AmiMessage } from '@callboard/ami';
import { unescapeC } from '@callboard/ami';
import { channelKey, type Ctx } from './context.js';
import { deviceOf, isLocal, known, localHalf, peerOf } from './names.js';
import { liveCall } from './live.js';
import { isEndpoint, mergeCalls, newCall, rootOf, type Call, type Channel } from './state.js';

export function callForLinkedid(ctx: Ctx, server: string, linkedid: string, at: number): Call {
  const found = ctx.byLinkedid.get(`${server}|${linkedid}`);
  if (found) {
    const root = rootOf(found);
    if (!root.done) return root;
  }
  const call = newCall(ctx.seq++, at);
  ctx.calls.add(call);
  ctx.byLinkedid.set(`${server}|${linkedid}`, call);
  return call;
}

/** Joins two calls, keeping the set of live calls to roots. */
export function join(ctx: Ctx, a: Call, b: Call): Call {
  const ra = rootOf(a);
  const rb = rootOf(b);
  if (ra === rb) return ra;
  const root = mergeCalls(ra, rb);
  ctx.calls.delete(root === ra ? rb : ra);
  ctx.quiet.delete(ra);
  ctx.quiet.delete(rb);
  if (root.open === 0 && root.quietSince !== null) ctx.quiet.add(root);
  // The absorbed call's row leaves the live view: the merged call lists its linkedids.
  liveCall(ctx, root);
  return root;
}

export function createChannel(
  ctx: Ctx,
  server: string,
  m: AmiMessage,
  at: number,
): Channel | undefined {
  const uniqueid = m.get('Uniqueid');
  const name = m.get('Channel');
  if (uniqueid === undefined || name === undefined) return undefined;
  const key = channelKey(server, uniqueid);
  const existing = ctx.channels.get(key);
  if (existing) return existing;
  const linkedid = m.get('Linkedid') || uniqueid;
  const call = callForLinkedid(ctx, server, linkedid, at);
  const context = m.get('Context') ?? '';
  const exten = m.get('Exten') ?? '';
  const device = deviceOf(name);
  const ch: Channel = {
    key,
    server,
    uniqueid,
    name,
    linkedid,
    linkedids: [linkedid],
    call,
    createdAt: at,
    upAt: m.valueIs('ChannelStateDesc', 'Up') ? at : null,
    hungupAt: null,
    cause: null,
    causeText: null,
    callerNum: known(m.get('CallerIDNum')),
    callerName: knownName(m.get('CallerIDName')),
    firstCallerNum: known(m.get('CallerIDNum')),
    firstCallerName: knownName(m.get('CallerIDName')),
    connectedNum: known(m.get('ConnectedLineNum')),
    connectedName: knownName(m.get('ConnectedLineName')),
    accountCode: known(m.get('AccountCode')),
    context,
    exten,
    firstContext: context,
    firstExten: exten,
    dialplan: [{ at, context, exten }],
    variables: new Map(),
    bridge: null,
    partner: null,
    remote: null,
    local: isLocal(name),
    device,
    dialedBy: null,
    dialStatus: null,
    dialed: null,
    relay: relayOf(ctx, server, device),
  };
  for (const entry of m.getAll('ChanVariable')) setVariable(ctx, ch, entry, at);
  ctx.channels.set(key, ch);
  uniqueids(ctx, server).set(uniqueid, ch);
  ctx.byName.set(`${server}|${name}`, ch);
  call.channels.add(ch);
  call.open++;
  call.quietSince = null;
  ctx.quiet.delete(call);
  if (call.channels.size === 1 && isEndpoint(ch)) liveCall(ctx, call);
  call.lastEventAt = at;
  const half = localHalf(name);
  if (half) {
    const other = ctx.byName.get(`${server}|${half.pair};${half.half === 1 ? 2 : 1}`);
    if (other && other.hungupAt === null) pairLocal(ctx, ch, other);
  }
  return ch;
}

function pairLocal(ctx: Ctx, a: Channel, b: Channel): void {
  a.partner = b.key;
  b.partner = a.key;
  join(ctx, a.call, b.call);
}

/** An inter-server trunk: a channel to or from a peer named like another server. */
function relayOf(ctx: Ctx, server: string, device: string): Channel['relay'] {
  const peer = peerOf(device);
  if (peer === server || !ctx.servers.has(peer)) return null;
  return { server: peer, incoming: false };
}

function knownName(value: string | undefined): string | null {
  const v = known(value);
  return v === null ? null : unescapeC(v);
}

/** Updates what a channel event says about the channel (linkedid, caller id, state). */
const SNAPSHOT_KEYS = [
  'Linkedid',
  'CallerIDNum',
  'CallerIDName',
  'ConnectedLineNum',
  'ConnectedLineName',
  'AccountCode',
  'ChannelStateDesc',
] as const;
type SnapshotKeys = Readonly<Record<(typeof SNAPSHOT_KEYS)[number], string>>;
const keysByPrefix = new Map<string, SnapshotKeys>();

/** The snapshot field names with a prefix (`Dest`, `Transferee`), made once. */
function snapshotKeys(prefix: string): SnapshotKeys {
  let keys = keysByPrefix.get(prefix);
  if (!keys) {
    keys = Object.fromEntries(
      SNAPSHOT_KEYS.map((k) => [k, `${prefix}${k}`]),
    ) as unknown as SnapshotKeys;
    keysByPrefix.set(prefix, keys);
  }
  return keys;
}

/** The field's value when it differs from what the channel has (`current`); undefined when absent or the same. */
function changed(m: AmiMessage, key: string, current: string | null): string | undefined {
  if (current !== null && m.valueIs(key, current)) return undefined;
  return m.get(key);
}

/** Updates what a channel event says about the channel (linkedid, caller id, state). */
export function updateSnapshot(
  ctx: Ctx,
  ch: Channel,
  m: AmiMessage,
  at: number,
  prefix = '',
): void {
  const k = snapshotKeys(prefix);
  const linkedid = changed(m, k.Linkedid, ch.linkedid);
  if (linkedid !== undefined && linkedid !== '') {
    ch.linkedid = linkedid;
    if (!ch.linkedids.includes(linkedid)) ch.linkedids.push(linkedid);
    const idx = `${ch.server}|${linkedid}`;
    const other = ctx.byLinkedid.get(idx);
    if (other && !rootOf(other).done) join(ctx, ch.call, other);
    ctx.byLinkedid.set(idx, rootOf(ch.call));
  }
  const callerNum = changed(m, k.CallerIDNum, ch.callerNum);
  if (callerNum !== undefined) ch.callerNum = known(callerNum) ?? ch.callerNum;
  const callerName = changed(m, k.CallerIDName, ch.callerName);
  if (callerName !== undefined) ch.callerName = knownName(callerName) ?? ch.callerName;
  const connNum = changed(m, k.ConnectedLineNum, ch.connectedNum);
  if (connNum !== undefined) ch.connectedNum = known(connNum);
  const connName = changed(m, k.ConnectedLineName, ch.connectedName);
  if (connName !== undefined) ch.connectedName = knownName(connName);
  const account = changed(m, k.AccountCode, ch.accountCode);
  if (account !== undefined) ch.accountCode = known(account);
  if (ch.upAt === null && m.valueIs(k.ChannelStateDesc, 'Up')) ch.upAt = at;
  rootOf(ch.call).lastEventAt = at;
}

export function addDialplanStep(
  ch: Channel,
  context: string,
  exten: string,
  app: string | undefined,
  at: number,
): void {
  const last = ch.dialplan[ch.dialplan.length - 1];
  ch.context = context;
  ch.exten = exten;
  if (last && last.context === context && last.exten === exten) return;
  ch.dialplan.push(app ? { at, context, exten, app } : { at, context, exten });
}

/** A `NAME=value` channel variable (ChanVariable) or a VarSet. */
export function setVariable(ctx: Ctx, ch: Channel, entry: string, _at: number): void {
  const eq = entry.indexOf('=');
  if (eq <= 0) return;
  storeVariable(ctx, ch, entry.slice(0, eq), unescapeC(entry.slice(eq + 1)));
}

export function storeVariable(ctx: Ctx, ch: Channel, name: string, value: string): void {
  const ignore = ctx.cfg.ignoreVariables;
  for (let i = 0; i < ignore.length; i++) if ((ignore[i] as RegExp).test(name)) return;
  if (!ch.variables.has(name) && ch.variables.size >= ctx.cfg.maxVariables) return;
  ch.variables.set(
    name,
    value.length > ctx.cfg.maxValueLength ? value.slice(0, ctx.cfg.maxValueLength) : value,
  );
}

export function hangup(ctx: Ctx, ch: Channel, m: AmiMessage, at: number): void {
  if (ch.hungupAt !== null) return;
  updateSnapshot(ctx, ch, m, at);
  ch.hungupAt = at;
  ch.cause = m.get('Cause') ?? null;
  ch.causeText = m.get('Cause-txt') ?? null;
  ctx.byName.delete(`${ch.server}|${ch.name}`);
  const call = rootOf(ch.call);
  call.open = Math.max(0, call.open - 1);
  call.lastEventAt = at;
  if (call.open === 0) {
    call.quietSince = at;
    ctx.quiet.add(call);
  }
}

function uniqueids(ctx: Ctx, server: string): Map<string, Channel> {
  let map = ctx.byUniqueid.get(server);
  if (!map) {
    map = new Map();
    ctx.byUniqueid.set(server, map);
  }
  return map;
}

export function findChannel(
  ctx: Ctx,
  server: string,
  m: AmiMessage,
  prefix = '',
): Channel | undefined {
  const uniqueid = m.get(prefix === '' ? 'Uniqueid' : `${prefix}Uniqueid`);
  if (uniqueid !== undefined) {
    const ch = ctx.byUniqueid.get(server)?.get(uniqueid);
    if (ch) return ch;
  }
  const name = m.get(prefix === '' ? 'Channel' : `${prefix}Channel`);
  return name === undefined ? undefined : ctx.byName.get(`${server}|${name}`);
}
