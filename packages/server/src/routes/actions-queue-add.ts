// POST /api/actions/queue-add: an operator's interface joins a queue
// (QueueAdd). Operators: themselves (queue login); supervisors:
// `change-membership`, in a queue of their scope; admins: anyone. Audited.

import { Type } from 'typebox';
import { act } from '../actions/act.js';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import {
  ACTION_RESPONSES,
  InterfaceField,
  OperatorIdField,
  QueueField,
  ReasonField,
} from './action-schemas.js';

const schema = {
  tags: ['actions'],
  summary: 'Add an operator to a queue',
  body: Type.Object(
    {
      operatorId: OperatorIdField,
      interface: InterfaceField,
      queue: QueueField,
      penalty: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
      paused: Type.Optional(Type.Boolean({ description: 'join paused' })),
      reason: ReasonField,
    },
    { additionalProperties: false },
  ),
  response: ACTION_RESPONSES,
};

export function actionsQueueAddRoute(app: App, ctx: Ctx): void {
  app.post('/api/actions/queue-add', { schema, config: { access: 'signed-in' } }, async (req) => {
    if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
    req.audited = true;
    return act(ctx, req.auth.user, { kind: 'queue-add', ...req.body });
  });
}
