import type { AmiMessage } from '@callboard/ami';

/** The messages that answered one action. */
export interface RawAnswer {
  readonly response: AmiMessage;
  /** The events of a list answer (`EventList: start` … `EventList: Complete`), in order. */
  readonly events: readonly AmiMessage[];
  /** The event that closed the list. */
  readonly complete: AmiMessage | undefined;
}

interface Waiter {
  readonly action: string;
  readonly resolve: (answer: RawAnswer) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
  response: AmiMessage | undefined;
  readonly events: AmiMessage[];
}

/**
 * Actions waiting for their answer, by ActionID. A response ends the wait,
 * unless it opens an event list: then the events carrying the same ActionID
 * are collected until the one marked `EventList: Complete`.
 */
export class PendingActions {
  private readonly waiting = new Map<string, Waiter>();

  constructor(
    /** Most events one list answer may hold before it is failed. */
    private readonly maxListEvents: number,
    private readonly onListOverflow: (action: string) => Error,
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  has(actionId: string): boolean {
    return this.waiting.has(actionId);
  }

  add(
    actionId: string,
    action: string,
    timeoutMs: number,
    onTimeout: () => Error,
  ): Promise<RawAnswer> {
    return new Promise<RawAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(actionId);
        reject(onTimeout());
      }, timeoutMs);
      this.waiting.set(actionId, {
        action,
        resolve,
        reject,
        timer,
        response: undefined,
        events: [],
      });
    });
  }

  /** Offers a received message; true when it belonged to a waiting action. */
  take(message: AmiMessage): boolean {
    const id = message.get('ActionID');
    if (id === undefined) return false;
    const w = this.waiting.get(id);
    if (w === undefined) return false;
    if (w.response === undefined) {
      if (message.kind !== 'response') return false;
      w.response = message;
      if (message.get('EventList')?.toLowerCase() !== 'start') {
        this.settle(id, w, { response: message, events: [], complete: undefined });
      }
      return true;
    }
    if (message.kind !== 'event') return false;
    if (message.get('EventList')?.toLowerCase() === 'complete') {
      this.settle(id, w, { response: w.response, events: w.events, complete: message });
    } else if (w.events.length >= this.maxListEvents) {
      this.fail(id, this.onListOverflow(w.action));
    } else {
      w.events.push(message);
    }
    return true;
  }

  fail(actionId: string, error: Error): void {
    const w = this.waiting.get(actionId);
    if (w === undefined) return;
    clearTimeout(w.timer);
    this.waiting.delete(actionId);
    w.reject(error);
  }

  failAll(error: (action: string) => Error): void {
    for (const [id, w] of [...this.waiting]) this.fail(id, error(w.action));
  }

  private settle(id: string, w: Waiter, answer: RawAnswer): void {
    clearTimeout(w.timer);
    this.waiting.delete(id);
    w.resolve(answer);
  }
}
