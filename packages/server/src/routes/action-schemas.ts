// Schema pieces of the action routes: the target (an operator and one of
// their interfaces), a queue, a reason — each pattern keeps CR, LF and other
// controls away from the AMI wire (actions/wire.ts) — and the answer.

import { Type } from 'typebox';
import { INTERFACE_PATTERN, QUEUE_PATTERN, REASON_PATTERN } from '../actions/wire.js';
import { DENIALS, ErrorSchema } from './schemas.js';

export const OperatorIdField = Type.Optional(
  Type.Integer({
    minimum: 1,
    description: 'the operator (directory id); an operator user: themselves',
  }),
);
export const InterfaceField = Type.Optional(
  Type.String({
    pattern: INTERFACE_PATTERN,
    maxLength: 200,
    description: 'one of the operator’s interfaces, as `PJSIP/101` or `Local/101@agents`',
  }),
);
export const QueueField = Type.String({ pattern: QUEUE_PATTERN, maxLength: 80 });
export const ReasonField = Type.Optional(
  Type.String({
    pattern: REASON_PATTERN,
    maxLength: 80,
    description: 'a pause reason: one of the directory’s codes when it has any',
  }),
);

export const ActionAnswer = Type.Object({
  operatorId: Type.Integer(),
  results: Type.Array(
    Type.Object({
      server: Type.String(),
      interface: Type.String(),
      message: Type.String({ description: 'Asterisk’s answer' }),
    }),
  ),
});

export const ACTION_RESPONSES = {
  200: ActionAnswer,
  400: ErrorSchema,
  404: ErrorSchema,
  409: { ...ErrorSchema, description: 'Asterisk refused it (its message), or nothing to act on' },
  502: { ...ErrorSchema, description: 'Asterisk did not answer: the result is unknown' },
  503: { ...ErrorSchema, description: 'that Asterisk is not connected: nothing was sent' },
  ...DENIALS,
} as const;
