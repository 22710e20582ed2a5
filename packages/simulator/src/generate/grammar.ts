// The event grammar of real Asterisk: learned from recorded traces, then
// used to check generated streams. For each event name, the ordered field
// lists (shapes) and the Privilege it was seen with; and the steps from one
// event name to the next within a channel (by Uniqueid, with VarSet and
// without) and within a call (by Linkedid, VarSet left out). Events that
// answered an action (they carry an ActionID) are not part of the grammar.

import type { AmiMessage } from '@callboard/ami';

export interface EventRule {
  readonly shapes: Set<string>;
  readonly privileges: Set<string>;
  /** Every field the event was seen with. */
  readonly fields: Set<string>;
  /** The fields it always had. */
  required: Set<string>;
}

export interface Grammar {
  readonly events: Map<string, EventRule>;
  /** `A>B` steps of one channel, VarSet included (`^` before the first event). */
  readonly channelSteps: Set<string>;
  /** The same with VarSet left out. */
  readonly channelSkeleton: Set<string>;
  /** `A>B` steps of one call (Linkedid), VarSet left out. */
  readonly callSkeleton: Set<string>;
}

export type ViolationKind =
  | 'unknown-event'
  | 'unknown-shape'
  | 'privilege'
  | 'channel-step'
  | 'channel-skeleton'
  | 'call-skeleton';

export interface Violation {
  readonly kind: ViolationKind;
  readonly event: string;
  readonly detail: string;
}

/** Events that report media or security, not the call's flow: left out of the sequences. */
export const NOT_IN_SEQUENCES: ReadonlySet<string> = new Set([
  'RTCPSent',
  'RTCPReceived',
  'SuccessfulAuth',
]);

/** The keys of a message in order, a repeated key (ChanVariable) once. */
export function shapeOf(m: AmiMessage): string[] {
  const seen = new Set<string>();
  for (const [k] of m.entries()) seen.add(k);
  return [...seen];
}

const isStreamEvent = (m: AmiMessage): boolean => m.kind === 'event' && !m.has('ActionID');

/** Follows one stream's sequences: the last event name per channel and per call. */
class Sequences {
  private readonly channel = new Map<string, string>();
  private readonly skeleton = new Map<string, string>();
  private readonly call = new Map<string, string>();

  /** The steps this event makes: [channel step, skeleton step, call step] (each may be absent). */
  step(m: AmiMessage): [string | null, string | null, string | null] {
    const name = m.name;
    if (NOT_IN_SEQUENCES.has(name)) return [null, null, null];
    const uid = m.get('Uniqueid');
    const lid = m.get('Linkedid');
    let a: string | null = null;
    let b: string | null = null;
    let c: string | null = null;
    if (uid !== undefined) {
      a = `${this.channel.get(uid) ?? '^'}>${name}`;
      this.channel.set(uid, name);
      if (name !== 'VarSet') {
        b = `${this.skeleton.get(uid) ?? '^'}>${name}`;
        this.skeleton.set(uid, name);
      }
    }
    if (lid !== undefined && name !== 'VarSet') {
      c = `${this.call.get(lid) ?? '^'}>${name}`;
      this.call.set(lid, name);
    }
    return [a, b, c];
  }
}

export class GrammarLearner {
  private readonly grammar: Grammar = {
    events: new Map(),
    channelSteps: new Set(),
    channelSkeleton: new Set(),
    callSkeleton: new Set(),
  };
  private seq = new Sequences();

  /** The next messages come from another stream (another trace or server). */
  newStream(): void {
    this.seq = new Sequences();
  }

  add(m: AmiMessage): void {
    if (!isStreamEvent(m)) return;
    const g = this.grammar;
    const keys = shapeOf(m);
    let rule = g.events.get(m.name);
    if (rule === undefined) {
      rule = {
        shapes: new Set(),
        privileges: new Set(),
        fields: new Set(),
        required: new Set(keys),
      };
      g.events.set(m.name, rule);
    }
    rule.shapes.add(keys.join(','));
    rule.privileges.add(m.get('Privilege') ?? '');
    for (const k of keys) rule.fields.add(k);
    const present = new Set(keys);
    rule.required = new Set([...rule.required].filter((k) => present.has(k)));
    const [a, b, c] = this.seq.step(m);
    if (a !== null) g.channelSteps.add(a);
    if (b !== null) g.channelSkeleton.add(b);
    if (c !== null) g.callSkeleton.add(c);
  }

  result(): Grammar {
    return this.grammar;
  }
}

/** Checks a stream against a grammar, message by message. */
export class GrammarChecker {
  private readonly seq = new Sequences();

  constructor(private readonly grammar: Grammar) {}

  check(m: AmiMessage): Violation[] {
    if (!isStreamEvent(m)) return [];
    const out: Violation[] = [];
    const name = m.name;
    const rule = this.grammar.events.get(name);
    if (rule === undefined) {
      out.push({ kind: 'unknown-event', event: name, detail: 'no trace has this event' });
    } else {
      const keys = shapeOf(m);
      if (!rule.shapes.has(keys.join(','))) {
        const missing = [...rule.required].filter((k) => !keys.includes(k));
        const extra = keys.filter((k) => !rule.fields.has(k));
        out.push({
          kind: 'unknown-shape',
          event: name,
          detail: `fields ${keys.join(',')}; missing [${missing.join(',')}], never seen [${extra.join(',')}]`,
        });
      }
      const privilege = m.get('Privilege') ?? '';
      if (!rule.privileges.has(privilege))
        out.push({ kind: 'privilege', event: name, detail: `Privilege ${privilege}` });
    }
    const [a, b, c] = this.seq.step(m);
    if (a !== null && !this.grammar.channelSteps.has(a))
      out.push({ kind: 'channel-step', event: name, detail: a });
    if (b !== null && !this.grammar.channelSkeleton.has(b))
      out.push({ kind: 'channel-skeleton', event: name, detail: b });
    if (c !== null && !this.grammar.callSkeleton.has(c))
      out.push({ kind: 'call-skeleton', event: name, detail: c });
    return out;
  }
}
