// Reading Asterisk channel names. A channel is `Tech/resource-suffix`: the
// suffix (a counter, `-00000001`) makes it unique; without it the name is the
// device (`SIP/agent101`). Local channels are `Local/exten@context-suffix;1`
// and `;2`, the two halves of one pair.

/** The device behind a channel: `SIP/agent101-00000001` → `SIP/agent101`. */
export function deviceOf(channel: string): string {
  const local = /^(Local\/[^;]*?)-[0-9a-f]{8}(?:;[12])?$/i.exec(channel);
  if (local) return local[1] ?? channel;
  const dash = channel.lastIndexOf('-');
  if (dash > channel.indexOf('/') && dash > 0) return channel.slice(0, dash);
  return channel;
}

export function isLocal(channel: string): boolean {
  return channel.startsWith('Local/');
}

/** `Local/101@from-queue-00000000;1` → the pair's name and the half (1 or 2). */
export function localHalf(channel: string): { readonly pair: string; readonly half: 1 | 2 } | null {
  if (!isLocal(channel)) return null;
  if (channel.endsWith(';1')) return { pair: channel.slice(0, -2), half: 1 };
  if (channel.endsWith(';2')) return { pair: channel.slice(0, -2), half: 2 };
  return null;
}

/** The resource of a device: `SIP/agent101` → `agent101`, `IAX2/pbx2` → `pbx2`. */
export function peerOf(device: string): string {
  const slash = device.indexOf('/');
  return slash < 0 ? device : device.slice(slash + 1);
}

/**
 * A queue member interface in the form a device takes: `Local/101@from-queue/n`
 * → `Local/101@from-queue` (Local options dropped), others unchanged.
 */
export function interfaceDevice(iface: string): string {
  if (!isLocal(iface)) return iface;
  const slash = iface.indexOf('/', 'Local/'.length);
  return slash < 0 ? iface : iface.slice(0, slash);
}

/** The number behind a Local member (`Local/101@from-queue/n` → `101`). */
export function localExten(iface: string): string | null {
  const m = /^Local\/([^@/;]+)@/.exec(iface);
  return m?.[1] ?? null;
}

/** Asterisk writes `<unknown>` for an unset caller id; an empty string too. */
export function known(value: string | undefined): string | null {
  return value === undefined || value === '' || value === '<unknown>' ? null : value;
}
