// The tracker's operator directory, read from the database: what the
// configuration wrote at start and what the admin changed through the API
// since. Each operator once (the tracker's directory speaks for every
// station), with its interfaces as devices.

import type { Store } from '@callboard/store';
import type { DirectoryOperator } from '@callboard/tracker';

/** `Local/101@agents/n` → `Local/101@agents`, as the tracker names a Local member's device. */
function device(iface: string): string {
  if (!iface.startsWith('Local/')) return iface;
  const slash = iface.indexOf('/', 'Local/'.length);
  return slash < 0 ? iface : iface.slice(0, slash);
}

export async function readTrackerDirectory(store: Store): Promise<DirectoryOperator[]> {
  const out = new Map<string, { id: string; name: string; devices: Set<string> }>();
  for (const op of await store.directoryEdits.operators()) {
    if (op.interfaces.length === 0) continue;
    const entry = out.get(op.key) ?? { id: op.key, name: op.name ?? op.key, devices: new Set() };
    for (const i of op.interfaces) entry.devices.add(device(i.interface));
    out.set(op.key, entry);
  }
  return [...out.values()].map((e) => ({ id: e.id, name: e.name, devices: [...e.devices] }));
}
