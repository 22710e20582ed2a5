// Pause reasons: a code (what Asterisk is sent as the pause's reason, so
// wire-safe) and a label for people (any text). When there are any, a
// pause must give one of their codes.

import type { PauseReasonRow, User } from '@callboard/store';
import type { Ctx } from '../context.js';
import { editRow, removeRow } from './edit.js';

export function addPauseReason(
  ctx: Ctx,
  user: User,
  input: Omit<PauseReasonRow, 'id'>,
): Promise<PauseReasonRow> {
  return editRow(
    ctx,
    user,
    {
      action: 'directory.pause-reason.add',
      what: `pause reason "${input.code}"`,
      details: { ...input },
    },
    () => ctx.store.directoryEdits.addPauseReason(input),
  );
}

export function changePauseReason(
  ctx: Ctx,
  user: User,
  id: number,
  change: Partial<Omit<PauseReasonRow, 'id'>>,
): Promise<PauseReasonRow> {
  return editRow(
    ctx,
    user,
    {
      action: 'directory.pause-reason.change',
      what: `pause reason ${id}`,
      details: { id, ...change },
    },
    () => ctx.store.directoryEdits.changePauseReason(id, change),
  );
}

export function removePauseReason(ctx: Ctx, user: User, id: number): Promise<void> {
  return removeRow(
    ctx,
    user,
    { action: 'directory.pause-reason.remove', what: `pause reason ${id}`, details: { id } },
    () => ctx.store.directoryEdits.removePauseReason(id),
  );
}
