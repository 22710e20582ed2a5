// Schema pieces of the directory routes: the rows as the API shows them
// and the fields' limits. Names of stations and servers are as in the
// configuration; anything sent to Asterisk (interfaces, queue names, pause
// codes) is wire-safe (actions/wire.ts); names and labels for people may
// hold any text but NUL, which PostgreSQL cannot store.

import { Type } from 'typebox';
import { INTERFACE_PATTERN, QUEUE_PATTERN, REASON_PATTERN } from '../actions/wire.js';
import { DENIALS, ErrorSchema } from './schemas.js';

export const NAME_PATTERN = '^[A-Za-z0-9_.-]{1,64}$';

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const StationName = Type.String({ pattern: NAME_PATTERN });
export const ServerName = Type.String({ pattern: NAME_PATTERN });
export const Zone = Type.String({ minLength: 1, maxLength: 64, description: 'an IANA time zone' });
export const Host = Type.String({ pattern: '^[A-Za-z0-9.:_\\[\\]-]{1,253}$' });
export const Port = Type.Integer({ minimum: 1, maximum: 65535 });
export const AmiUser = Type.String({ pattern: '^[^\\p{Cc}\\p{Cf}\\p{Z}]{1,80}$' });
/** Text for people: anything but NUL. */
export const PeopleText = Type.String({ pattern: '^[^\\u0000]{1,200}$' });
export const OperatorKey = Type.String({
  pattern: '^[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]{1,200}$',
  description: 'its key in call records: the phone device (`PJSIP/101`) or an id',
});
export const QueueName = Type.String({ pattern: QUEUE_PATTERN, maxLength: 80 });
export const PauseCode = Type.String({ pattern: REASON_PATTERN, maxLength: 80 });
export const Interfaces = Type.Array(
  Type.Object(
    { server: ServerName, interface: Type.String({ pattern: INTERFACE_PATTERN, maxLength: 200 }) },
    { additionalProperties: false },
  ),
  { maxItems: 100, uniqueItems: true },
);
export const ServiceLevel = Type.Integer({ minimum: 0, maximum: 3600 });

export const StationSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  timezone: Type.String(),
});
export const ServerSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  station: Type.String(),
  host: Type.Union([Type.String(), Type.Null()]),
  port: Type.Union([Type.Integer(), Type.Null()]),
  username: Type.Union([Type.String(), Type.Null()]),
});
export const OperatorSchema = Type.Object({
  id: Type.Integer(),
  station: Type.String(),
  key: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  monitored: Type.Boolean(),
  interfaces: Type.Array(Type.Object({ server: Type.String(), interface: Type.String() })),
});
export const QueueSchema = Type.Object({
  id: Type.Integer(),
  station: Type.String(),
  name: Type.String(),
  timezone: Type.Union([Type.String(), Type.Null()]),
  serviceLevelSeconds: Type.Integer(),
});
export const PauseReasonSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  label: Type.String(),
});

/** The answers of an edit besides its own. */
export const EDIT_ERRORS = {
  400: ErrorSchema,
  404: ErrorSchema,
  409: ErrorSchema,
  ...DENIALS,
} as const;
