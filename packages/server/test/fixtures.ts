// Hand-made call records for the scope tests: one station, three operators
// (Ann and Bob monitored, the guard not), queues support and sales, and the
// calls that tell the views apart. Times are minutes after 09:00 UTC.

import {
  CALL_RECORD_VERSION,
  type Attempt,
  type CallRecord,
  type Leg,
  type Party,
  type QueueVisit,
} from '@callboard/tracker';

export const STATION = 'main';
export const ANN = 'SIP/101';
export const BOB = 'SIP/102';
export const GUARD = 'SIP/guard';

export const DIRECTORY = [
  { key: ANN, name: 'Ann', devices: [ANN], monitored: true },
  { key: BOB, name: 'Bob', devices: [BOB], monitored: true },
  { key: GUARD, name: 'Guard', devices: [GUARD], monitored: false },
];

/** Names that must come back as they went in: SQL, HTML/JS, controls, bidi. */
export const EVIL_NAME =
  'Robert\'); DROP TABLE calls;-- <script>alert("x")</script> \u0007\u001b[2J\r\n\t\u202e\u2028 & é';

export const at = (minute: number, second = 0): string =>
  new Date(Date.UTC(2026, 2, 2, 9, minute, second)).toISOString();

let uid = 0;

/** Channel ids start again: the same calls made twice are equal. */
export function resetParties(): void {
  uid = 0;
}

function party(
  kind: Party['kind'],
  who: { operator?: string; number?: string; name?: string },
): Party {
  uid++;
  const device = who.operator ?? 'SIP/trunk';
  return {
    kind,
    operator: who.operator ?? null,
    name: who.name ?? null,
    number: who.number ?? null,
    server: 'pbx1',
    channel: `${device}-${String(uid).padStart(8, '0')}`,
    uniqueid: `1772441000.${uid}`,
  };
}

export const caller = (number: string, name: string | null = null): Party =>
  party('external', { number, ...(name === null ? {} : { name }) });
export const agent = (operator: string): Party =>
  party('operator', { operator, number: operator.slice(4) });

export function leg(a: Party, b: Party, from: string, to: string): Leg {
  return { a, b, from, to };
}

export function attempt(
  operator: string,
  startedAt: string,
  endedAt: string,
  result: Attempt['result'],
): Attempt {
  return {
    operator,
    interface: operator,
    memberName: operator,
    startedAt,
    endedAt,
    result,
    channel: `${operator}-ring`,
  };
}

export function visit(
  queue: string,
  joinedAt: string,
  leftAt: string,
  answeredBy: string | null,
  attempts: readonly Attempt[],
  outcome: QueueVisit['outcome'] = answeredBy === null ? 'abandoned' : 'answered',
): QueueVisit {
  return {
    queue,
    server: 'pbx1',
    channel: { uniqueid: `visit-${queue}-${joinedAt}`, name: 'SIP/trunk-x' },
    joinedAt,
    leftAt,
    position: 1,
    outcome,
    waitMs: Date.parse(leftAt) - Date.parse(joinedAt),
    talkMs: answeredBy === null ? 0 : 60_000,
    answeredBy:
      answeredBy === null
        ? null
        : { operator: answeredBy, interface: answeredBy, memberName: answeredBy },
    attempts,
    transfer: null,
  };
}

export function call(
  id: string,
  parts: Partial<CallRecord> & Pick<CallRecord, 'startedAt' | 'endedAt'>,
): CallRecord {
  const legs = parts.legs ?? [];
  return {
    version: CALL_RECORD_VERSION,
    id: `${STATION}/pbx1/${id}`,
    station: STATION,
    servers: ['pbx1'],
    linkedids: [`pbx1/${id}`],
    direction: 'inbound',
    from: { number: '5551234', name: null, operator: null },
    to: { number: '100', operator: null },
    trunk: 'SIP/trunk',
    answeredAt: null,
    pbxAnsweredAt: parts.startedAt,
    outcome: 'answered',
    answeredBy: null,
    legs,
    queueVisits: [],
    transfers: [],
    flags: [],
    attrs: {
      channels: legs
        .flatMap((l) => [l.a, l.b])
        .map((p) => ({
          server: p.server,
          uniqueid: p.uniqueid,
          name: p.channel,
          linkedids: [id],
          callerId: { number: p.number, name: p.name },
          connectedLine: { number: null, name: null },
          accountCode: null,
          createdAt: parts.startedAt,
          answeredAt: null,
          endedAt: parts.endedAt,
          hangupCause: '16',
          hangupCauseText: 'Normal Clearing',
          dialplan: [],
          variables: {},
        })),
    },
    ...parts,
  };
}
