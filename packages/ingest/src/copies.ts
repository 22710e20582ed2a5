// Copies of received messages, cut from shared blocks. A typed array of its
// own costs an ArrayBuffer allocation (several µs each under load: the
// backing store is allocated and tracked outside the V8 heap), which at a
// record day's rate was the largest cost of journaling a message; a copy
// into a block is a memcpy. A block is freed once no copy cut from it is
// referenced (the journal batch is written and the tracker has read it).

/** Bytes per block. */
const BLOCK_BYTES = 256 * 1024;
/** Messages at least this long get a buffer of their own. */
const OWN_BUFFER_BYTES = 16 * 1024;

export class Copies {
  private block = new Uint8Array(0);
  private used = 0;

  /** A copy of `bytes` that does not change when they do. */
  copy(bytes: Uint8Array): Uint8Array {
    const n = bytes.length;
    if (n >= OWN_BUFFER_BYTES) return bytes.slice();
    if (this.used + n > this.block.length) {
      this.block = new Uint8Array(BLOCK_BYTES);
      this.used = 0;
    }
    const out = this.block.subarray(this.used, this.used + n);
    out.set(bytes);
    this.used += n;
    return out;
  }
}
