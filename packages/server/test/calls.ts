// The calls every server test stores: each tells two views apart.

import type { CallRecord } from '@callboard/tracker';
import {
  agent,
  ANN,
  at,
  attempt,
  BOB,
  call,
  caller,
  EVIL_NAME,
  GUARD,
  leg,
  resetParties,
  visit,
} from './fixtures.js';

function support(): CallRecord {
  const c = caller('5550001');
  const a = agent(ANN);
  return call('support', {
    startedAt: at(0),
    endedAt: at(3),
    answeredAt: at(0, 20),
    answeredBy: a,
    from: { number: '5550001', name: null, operator: null },
    queueVisits: [
      visit('support', at(0, 5), at(0, 20), ANN, [attempt(ANN, at(0, 6), at(0, 20), 'answered')]),
    ],
    legs: [leg(c, a, at(0, 20), at(3))],
  });
}

function sales(): CallRecord {
  const c = caller('5550002');
  const b = agent(BOB);
  return call('sales', {
    startedAt: at(10),
    endedAt: at(13),
    answeredAt: at(10, 20),
    answeredBy: b,
    queueVisits: [
      visit('sales', at(10, 5), at(10, 20), BOB, [attempt(BOB, at(10, 6), at(10, 20), 'answered')]),
    ],
    legs: [leg(c, b, at(10, 20), at(13))],
  });
}

/** Support first (Ann does not answer), then sales, where Bob answers: support sees only its part. */
function both(): CallRecord {
  const c = caller('5550003');
  const b = agent(BOB);
  return call('both', {
    startedAt: at(20),
    endedAt: at(25),
    answeredAt: at(21, 10),
    answeredBy: b,
    queueVisits: [
      visit(
        'support',
        at(20, 5),
        at(21),
        null,
        [attempt(ANN, at(20, 6), at(20, 40), 'no-answer')],
        'timeout',
      ),
      visit('sales', at(21), at(21, 10), BOB, [attempt(BOB, at(21, 1), at(21, 10), 'answered')]),
    ],
    legs: [leg(c, b, at(21, 10), at(25))],
  });
}

/** The guard (not monitored) rings Ann directly: nobody sees it. */
function guardDirect(): CallRecord {
  const g = agent(GUARD);
  const a = agent(ANN);
  return call('guard-direct', {
    startedAt: at(30),
    endedAt: at(31),
    direction: 'internal',
    from: { number: 'guard', name: 'Guard', operator: GUARD },
    to: { number: '101', operator: ANN },
    trunk: null,
    answeredAt: at(30, 5),
    answeredBy: a,
    legs: [leg(g, a, at(30, 5), at(31))],
  });
}

/** A support call the guard answers: the call stays, the guard is not in it. */
function guardQueue(): CallRecord {
  const c = caller('5550005');
  const g = agent(GUARD);
  return call('guard-queue', {
    startedAt: at(40),
    endedAt: at(42),
    answeredAt: at(40, 20),
    answeredBy: g,
    queueVisits: [
      visit('support', at(40, 5), at(40, 20), GUARD, [
        attempt(ANN, at(40, 6), at(40, 15), 'no-answer'),
        attempt(GUARD, at(40, 15), at(40, 20), 'answered'),
      ]),
    ],
    legs: [leg(c, g, at(40, 20), at(42))],
  });
}

/** A caller whose name carries SQL, HTML/JS and control characters. */
function evil(): CallRecord {
  const c = caller("5550006'; --", EVIL_NAME);
  const a = agent(ANN);
  return call('evil', {
    startedAt: at(50),
    endedAt: at(52),
    answeredAt: at(50, 20),
    answeredBy: a,
    from: { number: "5550006'; --", name: EVIL_NAME, operator: null },
    queueVisits: [
      visit('support', at(50, 5), at(50, 20), ANN, [
        attempt(ANN, at(50, 6), at(50, 20), 'answered'),
      ]),
    ],
    legs: [leg(c, a, at(50, 20), at(52))],
  });
}

export function testCalls(): CallRecord[] {
  resetParties();
  return [support(), sales(), both(), guardDirect(), guardQueue(), evil()];
}
