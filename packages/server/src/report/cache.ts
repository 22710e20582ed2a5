// Report data already encoded, kept in memory for closed days: keyed by
// everything the bytes depend on (table, station, day, format, the view's
// key, the data version), bounded by total size; the least recently used
// goes first.

export interface Encoded {
  readonly body: Uint8Array;
  readonly type: string;
}

export class ReportCache {
  private readonly entries = new Map<string, Encoded>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 2 ** 20) {}

  get(key: string): Encoded | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Map order is insertion order: move it to the end (most recent).
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: Encoded): void {
    if (value.body.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length;
    }
    this.entries.set(key, value);
    this.bytes += value.body.length;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
