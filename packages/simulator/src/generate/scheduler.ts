// The discrete-event clock: what happens next, in time order (ties in the
// order they were scheduled), as a binary heap. Time is whatever the caller
// says it is; nothing here reads a clock.

export interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly run: () => void;
  cancelled: boolean;
}

export class Scheduler {
  private readonly heap: Timer[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** When the next live timer is due, or Infinity. */
  get nextAt(): number {
    this.dropCancelled();
    return this.heap[0]?.at ?? Infinity;
  }

  at(at: number, run: () => void): Timer {
    const t: Timer = { at, seq: this.seq++, run, cancelled: false };
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p];
      if (parent === undefined || !before(t, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = t;
    return t;
  }

  /** The next live timer, taken off the heap. */
  pop(): Timer | undefined {
    this.dropCancelled();
    return this.shift();
  }

  private dropCancelled(): void {
    while (this.heap[0]?.cancelled === true) this.shift();
  }

  private shift(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      let best: Timer = last;
      const left = h[l];
      const right = h[r];
      if (left !== undefined && before(left, best)) {
        m = l;
        best = left;
      }
      if (right !== undefined && before(right, best)) {
        m = r;
        best = right;
      }
      if (m === i) break;
      h[i] = best;
      i = m;
    }
    h[i] = last;
    return top;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
