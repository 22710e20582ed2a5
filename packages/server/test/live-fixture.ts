// A live picture and a round of live changes for the feed's tests, in the
// tracker's own effect shapes: callers waiting in support and in sales,
// Ann (support) and Bob (sales) on calls, the guard (not monitored) on a
// call of his own, and a call that went from support to sales. The round
// of changes leaves the picture as it found it, then moves Ann: every
// signed-in viewer gets that last change, so a test knows all came before.

import type {
  CallProgress,
  Effect,
  LiveEffect,
  OperatorStateChanged,
  OperatorStateName,
  QueueWaiting,
} from '@callboard/tracker';
import { ANN, at, BOB, call, EVIL_NAME, GUARD, STATION } from './fixtures.js';

const SERVER = 'pbx1';

export const liveId = (name: string): string => `${STATION}/${SERVER}/${name}`;

/** Numbers only the sales queue's viewers may ever see. */
export const SALES_NUMBERS = ['5556003', '5556004', '5556007'];
/** Numbers only support's viewers may see (and the admin). */
export const SUPPORT_NUMBERS = ['5556002', '5556008'];

function waiting(
  queue: string,
  name: string,
  number: string,
  left: string | null = null,
  callerName: string | null = null,
): QueueWaiting {
  return {
    kind: 'queue-waiting',
    station: STATION,
    server: SERVER,
    queue,
    uniqueid: `u-${name}`,
    call: liveId(name),
    caller: { number, name: callerName },
    joinedAt: at(20),
    left,
  };
}

/** Who is in which queue: Bob in sales and, paused, in support. */
const MEMBERSHIPS: Readonly<Record<string, OperatorStateChanged['queues']>> = {
  [ANN]: [{ queue: 'support', paused: false, reason: null }],
  [BOB]: [
    { queue: 'sales', paused: false, reason: null },
    { queue: 'support', paused: true, reason: 'training' },
  ],
};

export function operatorState(
  operator: string,
  state: OperatorStateName,
  since: string,
  queues: OperatorStateChanged['queues'] = MEMBERSHIPS[operator] ?? [],
): OperatorStateChanged {
  return {
    kind: 'operator-state',
    station: STATION,
    operator,
    name: operator.slice(4),
    state,
    reason: null,
    since,
    queues,
  };
}

function progress(
  name: string,
  number: string,
  parts: Partial<Pick<CallProgress, 'operators' | 'queues' | 'answeredAt' | 'fromOperator'>>,
): CallProgress {
  return {
    kind: 'call-progress',
    station: STATION,
    call: liveId(name),
    startedAt: at(20),
    from: { number, name: null },
    fromOperator: null,
    answeredAt: null,
    operators: [],
    queues: [],
    linkedids: [`${SERVER}/${name}`],
    ...parts,
  };
}

function finished(name: string): Effect {
  return { kind: 'call-finished', record: call(name, { startedAt: at(20), endedAt: at(25) }) };
}

export function livePicture(): LiveEffect[] {
  return [
    operatorState(ANN, 'talking', at(20)),
    operatorState(BOB, 'talking', at(20)),
    operatorState(GUARD, 'talking', at(20)),
    progress('live-support', '5556001', {
      operators: [ANN],
      queues: ['support'],
      answeredAt: at(21),
    }),
    progress('live-support-wait', '5556002', { queues: ['support'] }),
    waiting('support', 'live-support-wait', '5556002', null, EVIL_NAME),
    progress('live-sales', '5556003', { operators: [BOB], queues: ['sales'], answeredAt: at(21) }),
    progress('live-sales-wait', '5556004', { queues: ['sales'] }),
    waiting('sales', 'live-sales-wait', '5556004'),
    // The guard took a call directly: nobody sees it.
    progress('live-guard', '5556005', { operators: [GUARD] }),
    // Support, then sales, where Bob took it: support's supervisors see it without Bob.
    progress('live-both', '5556006', {
      operators: [BOB],
      queues: ['support', 'sales'],
      answeredAt: at(22),
    }),
  ];
}

/** Changes that come and go, then Ann moves (the marker every signed-in viewer gets). */
export function liveRound(marker: string): Effect[] {
  return [
    progress('live-sales-2', '5556007', { queues: ['sales'] }),
    waiting('sales', 'live-sales-2', '5556007'),
    progress('live-support-2', '5556008', { queues: ['support'] }),
    waiting('support', 'live-support-2', '5556008'),
    operatorState(GUARD, 'ringing', marker),
    waiting('sales', 'live-sales-2', '5556007', at(23)),
    finished('live-sales-2'),
    waiting('support', 'live-support-2', '5556008', at(23)),
    finished('live-support-2'),
    operatorState(ANN, 'idle', marker),
  ];
}
