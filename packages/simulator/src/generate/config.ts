// The synthetic call center's description: stations and trunk, queues and
// their members, operators and their habits, how many calls arrive in each
// hour of the day and how callers behave. Validated with zod where it comes
// from outside (a file, the command line); every duration is in seconds.

import { z } from 'zod';

const seconds = z.number().nonnegative();

export const distributionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: seconds }),
  z.object({ kind: z.literal('uniform'), min: seconds, max: seconds }),
  z.object({
    kind: z.literal('exponential'),
    mean: z.number().positive(),
    min: seconds.optional(),
    max: seconds.optional(),
  }),
  z.object({
    kind: z.literal('lognormal'),
    median: z.number().positive(),
    sigma: z.number().nonnegative(),
    min: seconds.optional(),
    max: seconds.optional(),
  }),
]);
export type Distribution = z.infer<typeof distributionSchema>;

/** Calls per hour for each hour of the day (0..23, local time of the center). */
const hourly = z.array(z.number().nonnegative()).length(24);
const probability = z.number().min(0).max(1);

export const QUEUE_STRATEGIES = [
  'ringall',
  'rrmemory',
  'leastrecent',
  'fewestcalls',
  'random',
  'linear',
] as const;
export type QueueStrategy = (typeof QUEUE_STRATEGIES)[number];

export const memberSchema = z.object({
  /** The operator's extension. */
  operator: z.string().min(1),
  penalty: z.number().int().nonnegative().default(0),
  /** `device`: the phone is the member (`SIP/101`); `local`: `Local/101@from-queue/n` with the phone as state interface (FreePBX). */
  kind: z.enum(['device', 'local']).default('device'),
  /** Static members are always in the queue; dynamic ones log in and out with their shift. */
  membership: z.enum(['static', 'dynamic']).default('dynamic'),
});
export type MemberConfig = z.infer<typeof memberSchema>;

export const queueSchema = z.object({
  name: z.string().regex(/^[A-Za-z0-9_-]+$/),
  /** The DID callers dial to reach the queue. */
  did: z.string().regex(/^[0-9]+$/),
  /** The internal extension of the queue (blind transfers dial it). */
  extension: z.string().regex(/^[0-9]+$/),
  strategy: z.enum(QUEUE_STRATEGIES).default('rrmemory'),
  ringTimeout: seconds.default(15),
  retry: seconds.default(2),
  /** app_queue's wrapuptime: a member rests this long after a call before the next ring. */
  wrapUp: seconds.default(5),
  /** The queue timeout (Queue()'s fifth argument); 0 for none. */
  maxWait: seconds.default(300),
  /** What the dialplan does after a timeout: hang up after a message, or go to another queue. */
  onTimeout: z.union([z.literal('hangup'), z.object({ overflow: z.string() })]).default('hangup'),
  serviceLevel: seconds.default(30),
  weight: z.number().int().nonnegative().default(0),
  members: z.array(memberSchema),
  /** Calls arriving per hour of the day. */
  arrivals: hourly,
});
export type QueueConfig = z.infer<typeof queueSchema>;

export const pauseReasonSchema = z.object({
  reason: z.string().min(1),
  weight: z.number().positive().default(1),
  duration: distributionSchema,
});

export const operatorSchema = z.object({
  extension: z.string().regex(/^[0-9]+$/),
  name: z.string().min(1),
  /** The phone: `SIP/101` (chan_sip; its channels are `SIP/101-0000001a`). */
  device: z.string().regex(/^SIP\/[A-Za-z0-9_-]+$/),
  /** Working hours, local time; end may pass midnight (22 → 6). */
  shift: z.object({ start: z.number().min(0).max(24), end: z.number().min(0).max(24) }),
  /** Chance per idle hour of taking a pause. */
  pausesPerHour: z.number().nonnegative().default(0.5),
  pauseReasons: z.array(pauseReasonSchema).default([]),
  /** Seconds from the first ring to pick up. */
  answerDelay: distributionSchema,
  /** Chance of letting a ring run out. */
  noAnswer: probability.default(0.05),
  /** Chance of rejecting (busy) a ring. */
  reject: probability.default(0.01),
});
export type OperatorConfig = z.infer<typeof operatorSchema>;

export const generatorConfigSchema = z.object({
  /** The Asterisk being played, and the station it belongs to. */
  server: z.object({ name: z.string().min(1), station: z.string().min(1) }),
  /** Hours to add to UTC for the center's local time (arrival hours and shifts). */
  utcOffsetHours: z.number().min(-14).max(14).default(0),
  trunk: z.object({ name: z.string().min(1), context: z.string().default('from-trunk') }),
  contexts: z.object({
    internal: z.string().default('from-internal'),
    queueMembers: z.string().default('from-queue'),
  }),
  numbers: z.object({
    /** Outside callers (`#` is a random digit). */
    callers: z.string().default('7987#######'),
    /** Numbers operators dial out to. */
    outbound: z.string().default('8916#######'),
    /** The company number shown on outbound calls. */
    company: z.string().default('74951234567'),
  }),
  /** manager.conf channelvars: variables every channel snapshot carries as ChanVariable. */
  channelVariables: z.array(z.string()).default([]),
  queues: z.array(queueSchema).min(1),
  operators: z.array(operatorSchema).min(1),
  callers: z.object({
    /** How long a caller waits in a queue before hanging up. */
    patience: distributionSchema,
    talk: distributionSchema,
    /** Chance that the operator, not the caller, ends the call. */
    agentHangsUp: probability.default(0.5),
  }),
  transfers: z.object({
    blindToQueue: probability.default(0.03),
    blindToExtension: probability.default(0.02),
    attended: probability.default(0.02),
    /** Talk with the consulted operator before the transfer completes. */
    consult: distributionSchema,
  }),
  outbound: z.object({
    arrivals: hourly,
    answer: probability.default(0.7),
    ring: distributionSchema,
    talk: distributionSchema,
  }),
  internal: z.object({
    arrivals: hourly,
    answer: probability.default(0.8),
    talk: distributionSchema,
  }),
});
export type GeneratorConfig = z.infer<typeof generatorConfigSchema>;
export type GeneratorConfigInput = z.input<typeof generatorConfigSchema>;

/** A configuration from outside, checked; throws zod's error naming each bad setting. */
export function parseGeneratorConfig(input: unknown): GeneratorConfig {
  const config = generatorConfigSchema.parse(input);
  const queues = new Set(config.queues.map((q) => q.name));
  const operators = new Set(config.operators.map((o) => o.extension));
  for (const q of config.queues) {
    for (const m of q.members)
      if (!operators.has(m.operator))
        throw new GeneratorConfigError(`queues.${q.name}.members`, `no operator ${m.operator}`);
    if (typeof q.onTimeout === 'object' && !queues.has(q.onTimeout.overflow))
      throw new GeneratorConfigError(
        `queues.${q.name}.onTimeout`,
        `no queue ${q.onTimeout.overflow}`,
      );
  }
  return config;
}

export class GeneratorConfigError extends Error {
  override readonly name = 'GeneratorConfigError';
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
  }
}
