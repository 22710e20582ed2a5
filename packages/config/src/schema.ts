// The configuration file's shape. Every setting has a default except the
// servers themselves: with no servers configured, Callboard runs its demo.

import { z } from 'zod';

/** A secret given inline, from an environment variable, or from a file. */
const secret = z.union([
  z.string().min(1),
  z.strictObject({ env: z.string().min(1) }),
  z.strictObject({ file: z.string().min(1) }),
]);

const server = z.strictObject({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(5038),
  username: z.string().min(1),
  secret,
  tls: z.boolean().default(false),
  auth: z.enum(['md5', 'plain']).default('md5'),
});

const timezone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not a time zone (use an IANA name such as Europe/Moscow)' },
);

const station = z.strictObject({
  timezone: timezone.default('UTC'),
  servers: z
    .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, . _ - only'), server)
    .default({}),
});

const queue = z.strictObject({
  timezone: timezone.optional(),
  /** Answered within this many seconds counts towards the service level. */
  serviceLevelSeconds: z.number().int().min(0).default(20),
  wrapUpSeconds: z.number().int().min(0).default(0),
});

const regexList = z.array(
  z.string().refine(
    (p) => {
      try {
        new RegExp(p);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a regular expression' },
  ),
);

const tracker = z.strictObject({
  trunks: regexList.optional(),
  trunkContexts: regexList.optional(),
  operators: regexList.optional(),
  serviceExtensions: regexList.optional(),
  ignoreVariables: regexList.optional(),
  directory: z
    .array(
      z.strictObject({
        id: z.string().optional(),
        name: z.string(),
        devices: z.array(z.string()).min(1),
        /** Not every operator is watched: false keeps them off live views and operator reports. */
        monitored: z.boolean().default(true),
      }),
    )
    .optional(),
  crossServer: z
    .strictObject({ variable: z.string().optional(), windowMs: z.number().int().min(0).optional() })
    .optional(),
  graceMs: z.number().int().min(0).optional(),
  reapAfterMs: z.number().int().min(1000).optional(),
});

export const configSchema = z.strictObject({
  database: z
    .strictObject({
      /** A PostgreSQL server; without it, PGlite in `data`. */
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
        .optional(),
      data: z.string().default('./data'),
    })
    .default({ data: './data' }),
  journal: z
    .strictObject({
      retentionDays: z.number().int().min(1).default(90),
      batchMessages: z.number().int().min(1).max(100_000).default(1000),
      batchMs: z.number().int().min(1).max(10_000).default(100),
      compressionLevel: z.number().int().min(0).max(9).default(1),
    })
    .default({ retentionDays: 90, batchMessages: 1000, batchMs: 100, compressionLevel: 1 }),
  spool: z
    .strictObject({
      dir: z.string().optional(),
      maxBytes: z
        .number()
        .int()
        .min(1024 * 1024)
        .default(1024 ** 3),
    })
    .default({ maxBytes: 1024 ** 3 }),
  stations: z
    .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, . _ - only'), station)
    .default({}),
  queues: z.record(z.string(), queue).default({}),
  tracker: tracker.default({}),
  server: z
    .strictObject({
      port: z.number().int().min(0).max(65535).default(8080),
      host: z.string().min(1).default('0.0.0.0'),
      /** The first admin's password, used only while there is no user; else one is made and printed once. */
      adminPassword: secret.optional(),
      /** A bearer token that lets a Prometheus scraper read /metrics without a session. */
      metricsToken: secret.optional(),
      /** Behind a reverse proxy: believe X-Forwarded-For/-Proto (client address, https). */
      trustProxy: z.boolean().default(false),
      /** Serve HTTPS directly: PEM files. */
      tls: z.strictObject({ cert: z.string().min(1), key: z.string().min(1) }).optional(),
    })
    .default({ port: 8080, host: '0.0.0.0', trustProxy: false }),
});

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type SecretSource = z.output<typeof secret>;
