// POST /api/actions/pause: pause or unpause an operator (QueuePause), in one
// queue or all. Operators: themselves; supervisors: `pause-others`, in a
// queue of their scope; admins: anyone. Audited.

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
  summary: 'Pause or unpause an operator',
  body: Type.Object(
    {
      operatorId: OperatorIdField,
      interface: InterfaceField,
      queue: Type.Optional(QueueField),
      paused: Type.Boolean(),
      reason: ReasonField,
    },
    { additionalProperties: false },
  ),
  response: ACTION_RESPONSES,
};

export function actionsPauseRoute(app: App, ctx: Ctx): void {
  app.post('/api/actions/pause', { schema, config: { access: 'signed-in' } }, async (req) => {
    if (!req.auth) throw new ApiError('unauthenticated', 'sign in first');
    req.audited = true;
    return act(ctx, req.auth.user, { kind: 'pause', ...req.body });
  });
}
