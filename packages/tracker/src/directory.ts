// Who the operators are. AMI has no list of operators: they are learned from
// queue membership (a member's state interface is its phone), completed by
// the admin directory and by configured device patterns.

import { operatorKey, type ResolvedConfig } from './config.js';
import { interfaceDevice, isLocal } from './names.js';

export interface OperatorEntry {
  /** The operator's key: the phone device (`SIP/agent101`), or the directory id. */
  readonly key: string;
  name: string | null;
  readonly fromDirectory: boolean;
}

export interface DirectorySnapshot {
  readonly entries: readonly OperatorEntry[];
  /** `station|device` and the index of its entry (several devices share one operator). */
  readonly devices: readonly [string, number][];
}

/** Operators of every station, by station and device. */
export class Directory {
  private readonly byDevice = new Map<string, OperatorEntry>();
  private readonly config: ResolvedConfig;
  private readonly fromDirectory: boolean;

  constructor(config: ResolvedConfig) {
    this.config = config;
    this.fromDirectory = config.directory.length > 0;
    for (const op of config.directory) {
      const entry: OperatorEntry = {
        key: operatorKey(op),
        name: op.name,
        fromDirectory: true,
      };
      // The directory speaks for every station: its devices are matched in any.
      for (const device of op.devices) this.byDevice.set(`*|${device}`, entry);
    }
  }

  /**
   * A queue member seen in an event: its interface (`SIP/agent101`,
   * `Local/101@from-queue/n`) and state interface name the same person.
   */
  learnMember(
    station: string,
    iface: string,
    memberName: string | null,
    stateInterface: string | null,
  ): OperatorEntry {
    const ifaceDevice = interfaceDevice(iface);
    const phone =
      stateInterface !== null && stateInterface !== '' && !isLocal(stateInterface)
        ? stateInterface
        : ifaceDevice;
    const existing = this.lookup(station, phone) ?? this.lookup(station, ifaceDevice);
    const entry = existing ?? { key: phone, name: null, fromDirectory: false };
    if (memberName !== null && memberName !== '' && !entry.fromDirectory && memberName !== iface)
      entry.name = memberName;
    this.byDevice.set(`${station}|${phone}`, entry);
    this.byDevice.set(`${station}|${ifaceDevice}`, entry);
    return entry;
  }

  /** What was learned (the configured directory is not included), for a checkpoint. */
  snapshot(): DirectorySnapshot {
    const entries: OperatorEntry[] = [];
    const index = new Map<OperatorEntry, number>();
    const devices: [string, number][] = [];
    for (const [key, entry] of this.byDevice) {
      if (entry.fromDirectory) continue;
      let i = index.get(entry);
      if (i === undefined) {
        i = entries.push({ ...entry }) - 1;
        index.set(entry, i);
      }
      devices.push([key, i]);
    }
    return { entries, devices };
  }

  restore(snapshot: DirectorySnapshot): void {
    const entries = snapshot.entries.map((e) => ({ ...e }));
    for (const [key, i] of snapshot.devices) {
      const entry = entries[i];
      // A device the admin's directory names now is theirs, whatever was learned of it
      // before (a directory edited while calls run, see Processor.setDirectory).
      const device = key.slice(key.indexOf('|') + 1);
      if (entry && !this.byDevice.has(`*|${device}`)) this.byDevice.set(key, entry);
    }
  }

  /** The operator behind a device, if it is one. */
  operatorOf(station: string, device: string): OperatorEntry | undefined {
    const found = this.lookup(station, device);
    if (found) return found;
    if (this.config.operators.length > 0 && this.config.operators.some((re) => re.test(device))) {
      const entry: OperatorEntry = { key: device, name: null, fromDirectory: false };
      this.byDevice.set(`${station}|${device}`, entry);
      return entry;
    }
    return undefined;
  }

  private lookup(station: string, device: string): OperatorEntry | undefined {
    return (
      this.byDevice.get(`${station}|${device}`) ??
      (this.fromDirectory ? this.byDevice.get(`*|${device}`) : undefined)
    );
  }
}
