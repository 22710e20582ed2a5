// POST /api/actions/queue-remove: an operator's interface leaves a queue
// (QueueRemove). Operators: themselves (queue logout); supervisors:
// `change-membership`, in a queue of their scope; admins: anyone. Audited.

import { Type } from 'typebox';
import { act } from '../actions/act.js';
import type { App, Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { ACTION_RESPONSES, InterfaceField, OperatorIdField, QueueField } from './action-schemas.js';

const schema = {
  tags: ['actions'],
  summary: 'Remove an operator from a queue',
  body: Type.Object(
    { operatorId: OperatorIdField, interface: InterfaceField, queue: QueueField },
    { additionalProperties: false },
  ),
  response: ACTION_RESPONSES,
};

export function actionsQueueRemoveRoute(app: App, ctx: Ctx): void {
  app.post(
    '/api/actions/queue-remove',
    { schema, config: { access: 'signed-in' } },
    async (req) => {
      if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
      req.audited = true;
      return act(ctx, req.auth.user, { kind: 'queue-remove', ...req.body });
    },
  );
}
