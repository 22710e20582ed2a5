// A real AMI client (`@callboard/ami-client`) that keeps every message it
// hears, byte for byte, for tests of what a simulated server sends.

import { expect } from 'vitest';
import type { MessageKind } from '@callboard/ami';
import { AmiClient, type AmiClientOptions } from '@callboard/ami-client';

export interface Heard {
  /** A copy of the message's bytes, terminating blank line included. */
  readonly bytes: Uint8Array;
  readonly kind: MessageKind;
  readonly actionId: string | undefined;
}

export class Listener {
  readonly heard: Heard[] = [];
  readonly client: AmiClient;

  constructor(options: AmiClientOptions) {
    this.client = new AmiClient({ keepaliveMs: 0, reconnect: false, ...options });
    this.client.on('message', (m) =>
      this.heard.push({ bytes: m.bytes.slice(), kind: m.kind, actionId: m.get('ActionID') }),
    );
  }

  /** What the server sent of its own accord: every message without an ActionID. */
  unasked(): Heard[] {
    return this.heard.filter((h) => h.actionId === undefined);
  }

  /** What answered this client's actions. */
  answers(): Heard[] {
    return this.heard.filter((h) => h.actionId !== undefined);
  }

  /** Resolves once everything the server wrote before now has arrived (it answers a Ping after it). */
  async sync(): Promise<void> {
    await this.client.send({ Action: 'Ping' });
  }

  /** Waits until `n` unasked messages have arrived. */
  async until(n: number, timeoutMs = 30_000): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.unasked().length < n) {
      if (performance.now() > deadline)
        throw new Error(`heard ${this.unasked().length} of ${n} messages`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const decoder = new TextDecoder();

/** The same messages, byte for byte, in the same order; the first difference is shown as text. */
export function expectSameBytes(
  actual: readonly Uint8Array[],
  expected: readonly Uint8Array[],
): void {
  const n = Math.min(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a === undefined || e === undefined || !sameBytes(a, e)) {
      expect(
        { index: i, message: decoder.decode(a) },
        `message ${i} of ${expected.length} differs`,
      ).toEqual({ index: i, message: decoder.decode(e) });
    }
  }
  expect(actual.length, 'number of messages').toBe(expected.length);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
