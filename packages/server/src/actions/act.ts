// Carrying out an action on a queue member: who may (authorize.ts), where
// it goes (targets.ts), sending it through the collector of each server,
// and the audit entry — who, what, on whom, the result and Asterisk's
// words — whether it was done, refused or failed.

import type { ActionOutcome } from '@callboard/ingest';
import type { OperatorRow, User } from '@callboard/store';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { ApiError } from '../errors.js';
import { scopeOf } from '../scope.js';
import { mayAct, mayAsk, maySee } from './authorize.js';
import { auditName, type MemberRequest } from './request.js';
import { targets, type Target } from './targets.js';

export interface ActResult {
  readonly operatorId: number;
  readonly results: { server: string; interface: string; message: string }[];
}

type Sent = { readonly target: Target; readonly outcome: ActionOutcome };

export async function act(ctx: Ctx, user: User, r: MemberRequest): Promise<ActResult> {
  const details = {
    operatorId: r.operatorId ?? user.operatorId,
    ...(r.interface === undefined ? {} : { interface: r.interface }),
    ...(r.queue === undefined ? {} : { queue: r.queue }),
    ...(r.reason === undefined ? {} : { pauseReason: r.reason }),
    ...(r.penalty === undefined ? {} : { penalty: r.penalty }),
    ...(r.kind === 'queue-add' && r.paused !== undefined ? { paused: r.paused } : {}),
  };
  let operator: OperatorRow;
  let sent: Sent[];
  try {
    operator = await check(ctx, user, r);
    const planned = targets(operator, r);
    if (planned instanceof ApiError) throw planned;
    const actions = ctx.actions;
    if (!actions)
      throw new ApiError('unavailable', 'no AMI connections here: actions need `callboard start`');
    sent = [];
    for (const target of planned)
      sent.push({ target, outcome: await actions.send(target.server, target.action) });
  } catch (error) {
    if (error instanceof ApiError)
      await audit(ctx.store, ctx.clock, { user }, auditName(r), refusal(error), {
        ...details,
        reason: error.message,
      });
    throw error;
  }
  const failed = sent.find((s) => s.outcome.kind !== 'success');
  await audit(ctx.store, ctx.clock, { user }, auditName(r), failed ? 'failed' : 'ok', {
    ...details,
    operatorId: operator.id,
    results: sent.map((s) => ({
      server: s.target.server,
      interface: s.target.interface,
      outcome: s.outcome.kind,
      message: s.outcome.message,
    })),
  });
  if (failed) throw asError(failed, sent.length);
  return {
    operatorId: operator.id,
    results: sent.map((s) => ({
      server: s.target.server,
      interface: s.target.interface,
      message: s.outcome.message,
    })),
  };
}

/** The caller's rights, the operator (visible to them), the queue and the reason. */
async function check(ctx: Ctx, user: User, r: MemberRequest): Promise<OperatorRow> {
  const scope = scopeOf(user, await ctx.store.operatorRefs());
  const selfId = user.role === 'operator' ? user.operatorId : null;
  const early = mayAsk(scope, selfId, r);
  if (early) throw early;
  const id = r.operatorId ?? selfId;
  const [operator] = id === null ? [] : await ctx.store.directoryEdits.operators({ id });
  if (!operator || !maySee(scope, operator))
    throw new ApiError('not_found', `no operator ${id ?? ''}`);
  const late = mayAct(scope, operator, r);
  if (late) throw late;
  if (r.queue !== undefined) {
    const queues = await ctx.store.directoryEdits.queues();
    if (!queues.some((q) => q.station === operator.station && q.name === r.queue))
      throw new ApiError('not_found', `no queue "${r.queue}" on station "${operator.station}"`);
  }
  if (r.reason !== undefined) {
    const reasons = await ctx.store.directoryEdits.pauseReasons();
    if (reasons.length > 0 && !reasons.some((p) => p.code === r.reason))
      throw new ApiError(
        'invalid',
        `body.reason: not a pause reason of the directory (${reasons.map((p) => p.code).join(', ')})`,
        'body.reason',
      );
  }
  return operator;
}

function refusal(error: ApiError): 'denied' | 'failed' {
  return error.status === 403 || error.status === 404 ? 'denied' : 'failed';
}

/** Asterisk's answer as the API's error: its own refusal, no connection, no answer. */
function asError({ target, outcome }: Sent, count: number): ApiError {
  const where = count > 1 ? ` (${target.server} ${target.interface})` : '';
  switch (outcome.kind) {
    case 'refused':
      return new ApiError('conflict', `Asterisk: ${outcome.message}${where}`);
    case 'unavailable':
      return new ApiError('unavailable', `${outcome.message}${where}`);
    case 'no-answer':
      return new ApiError('bad_gateway', `no answer from Asterisk: ${outcome.message}${where}`);
    case 'invalid':
      return new ApiError('invalid', outcome.message);
    case 'success':
      return new ApiError('internal', 'not a failure');
  }
}
