// A small, lively call center for the demo, and a way to grow it to any
// number of calls a day (a record day of 150,000) with the same habits.

import type { GeneratorConfig, MemberConfig, OperatorConfig, QueueConfig } from './config.js';

/** Relative load of each hour of the day (local time); the busiest hours are 1. */
const DAY_SHAPE = [
  0.3, 0.25, 0.2, 0.2, 0.2, 0.25, 0.35, 0.5, 0.75, 0.95, 1, 1, 0.9, 0.85, 0.95, 1, 0.95, 0.85, 0.7,
  0.6, 0.5, 0.45, 0.4, 0.35,
];

const hours = (peak: number): number[] => DAY_SHAPE.map((x) => Math.round(x * peak * 10) / 10);

const NAMES = [
  'Ivan Petrov',
  'Olga Smirnova',
  'Sergey Ivanov',
  'Anna Kuznetsova',
  'Dmitry Sokolov',
  'Elena Popova',
  'Alexey Volkov',
  'Maria Lebedeva',
  'Nikolay Kozlov',
  'Tatiana Novikova',
  'Pavel Morozov',
  'Irina Pavlova',
];

/** Shifts of four operators each, overlapping so that every hour is covered. */
const SHIFTS = [
  { start: 0, end: 12 },
  { start: 8, end: 20 },
  { start: 14, end: 2 },
] as const;

function operator(i: number): OperatorConfig {
  const extension = String(101 + i);
  return {
    extension,
    name: NAMES[i % NAMES.length] ?? `Operator ${extension}`,
    device: `SIP/${extension}`,
    shift: { ...(SHIFTS[i % SHIFTS.length] ?? SHIFTS[0]) },
    pausesPerHour: 0.6,
    pauseReasons: [
      { reason: 'break', weight: 3, duration: { kind: 'uniform', min: 120, max: 600 } },
      { reason: 'lunch', weight: 1, duration: { kind: 'uniform', min: 900, max: 1800 } },
      { reason: 'training', weight: 0.5, duration: { kind: 'uniform', min: 300, max: 900 } },
    ],
    answerDelay: { kind: 'lognormal', median: 3, sigma: 0.5, min: 0.5, max: 30 },
    noAnswer: 0.06,
    reject: 0.02,
  };
}

const member = (i: number, kind: MemberConfig['kind'] = 'device', penalty = 0): MemberConfig => ({
  operator: String(101 + i),
  penalty,
  kind,
  membership: 'dynamic',
});

/** Three queues, twelve operators in three shifts: about 1,500 calls a day. */
export function defaultGeneratorConfig(): GeneratorConfig {
  const operators = Array.from({ length: 12 }, (_, i) => operator(i));
  const queues: QueueConfig[] = [
    {
      name: 'support',
      did: '74951234567',
      extension: '6001',
      strategy: 'rrmemory',
      ringTimeout: 15,
      retry: 2,
      wrapUp: 5,
      maxWait: 300,
      onTimeout: 'hangup',
      serviceLevel: 30,
      weight: 0,
      members: [0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => member(i, 'device', i % 3 === 2 ? 1 : 0)),
      arrivals: hours(60),
    },
    {
      name: 'sales',
      did: '74951234568',
      extension: '6002',
      strategy: 'ringall',
      ringTimeout: 20,
      retry: 2,
      wrapUp: 3,
      maxWait: 180,
      onTimeout: { overflow: 'support' },
      serviceLevel: 20,
      weight: 10,
      members: [3, 4, 5, 9, 10, 11].map((i) => member(i)),
      arrivals: hours(25),
    },
    {
      name: 'billing',
      did: '74951234569',
      extension: '6003',
      strategy: 'leastrecent',
      ringTimeout: 15,
      retry: 2,
      wrapUp: 10,
      maxWait: 240,
      onTimeout: 'hangup',
      serviceLevel: 60,
      weight: 0,
      members: [6, 7, 8, 9, 10, 11].map((i) => member(i, 'local')),
      arrivals: hours(15),
    },
  ];
  return {
    server: { name: 'pbx1', station: 'main' },
    utcOffsetHours: 0,
    trunk: { name: 'trunk', context: 'from-trunk' },
    contexts: { internal: 'from-internal', queueMembers: 'from-queue' },
    numbers: { callers: '7987#######', outbound: '8916#######', company: '74951234567' },
    channelVariables: [],
    queues,
    operators,
    callers: {
      patience: { kind: 'lognormal', median: 90, sigma: 0.8, min: 3, max: 1800 },
      talk: { kind: 'lognormal', median: 150, sigma: 0.7, min: 10, max: 3600 },
      agentHangsUp: 0.45,
    },
    transfers: {
      blindToQueue: 0.03,
      blindToExtension: 0.02,
      attended: 0.02,
      consult: { kind: 'uniform', min: 5, max: 30 },
    },
    outbound: {
      arrivals: hours(12),
      answer: 0.7,
      ring: { kind: 'uniform', min: 3, max: 25 },
      talk: { kind: 'lognormal', median: 120, sigma: 0.7, min: 5, max: 1800 },
    },
    internal: {
      arrivals: hours(4),
      answer: 0.8,
      talk: { kind: 'lognormal', median: 60, sigma: 0.6, min: 5, max: 900 },
    },
  };
}

const sum = (xs: readonly number[]): number => xs.reduce((n, x) => n + x, 0);

/** Inbound queue calls a day under this config. */
export function callsPerDay(config: GeneratorConfig): number {
  return sum(config.queues.map((q) => sum(q.arrivals)));
}

/**
 * The same center grown (or shrunk) to about `calls` inbound calls a day:
 * arrival rates scaled, and operators cloned in the same proportion (with
 * their queue memberships, shifts and habits), so waits stay alike.
 */
export function scaleTo(config: GeneratorConfig, calls: number): GeneratorConfig {
  const factor = calls / Math.max(1, callsPerDay(config));
  const scale = (xs: readonly number[]): number[] => xs.map((x) => x * factor);
  const copies = Math.max(1, Math.ceil(factor));
  const operators: OperatorConfig[] = [];
  const cloneOf = new Map<string, string[]>();
  const width = String(config.operators.length * copies + 1000).length;
  let next = 10 ** (width - 1) + 1;
  for (const op of config.operators) {
    const ids: string[] = [];
    for (let c = 0; c < copies; c++) {
      const extension = c === 0 ? op.extension : String(next++);
      ids.push(extension);
      operators.push(
        c === 0
          ? op
          : { ...op, extension, device: `SIP/${extension}`, name: `${op.name} ${c + 1}` },
      );
    }
    cloneOf.set(op.extension, ids);
  }
  return {
    ...config,
    operators,
    queues: config.queues.map((q) => ({
      ...q,
      arrivals: scale(q.arrivals),
      // A ringall queue rings its original team size at a time: each copy of the team is a
      // penalty tier of its own (ringall rings the lowest tier with someone free).
      members: q.members.flatMap((m) =>
        (cloneOf.get(m.operator) ?? [m.operator]).map((operator, c) => ({
          ...m,
          operator,
          penalty: q.strategy === 'ringall' ? m.penalty + c : m.penalty,
        })),
      ),
    })),
    outbound: { ...config.outbound, arrivals: scale(config.outbound.arrivals) },
    internal: { ...config.internal, arrivals: scale(config.internal.arrivals) },
  };
}
