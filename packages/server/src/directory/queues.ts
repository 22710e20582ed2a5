// Queues: a name per station (fixed once made: visits refer to it), the
// time zone their day is counted in (null: the station's) and the
// service-level threshold in seconds.

import type { QueueRow, User } from '@callboard/store';
import type { Ctx } from '../context.js';
import { checkZone, editRow, removeRow } from './edit.js';

export type QueueChange = Partial<Pick<QueueRow, 'timezone' | 'serviceLevelSeconds'>>;

export function addQueue(ctx: Ctx, user: User, input: Omit<QueueRow, 'id'>): Promise<QueueRow> {
  if (input.timezone !== null) checkZone(input.timezone, 'body.timezone');
  return editRow(
    ctx,
    user,
    {
      action: 'directory.queue.add',
      what: `queue "${input.name}" of station "${input.station}"`,
      details: { ...input },
    },
    () => ctx.store.directoryEdits.addQueue(input),
  );
}

export function changeQueue(
  ctx: Ctx,
  user: User,
  id: number,
  change: QueueChange,
): Promise<QueueRow> {
  if (change.timezone !== undefined && change.timezone !== null)
    checkZone(change.timezone, 'body.timezone');
  return editRow(
    ctx,
    user,
    { action: 'directory.queue.change', what: `queue ${id}`, details: { id, ...change } },
    () => ctx.store.directoryEdits.changeQueue(id, change),
  );
}

export function removeQueue(ctx: Ctx, user: User, id: number): Promise<void> {
  return removeRow(
    ctx,
    user,
    { action: 'directory.queue.remove', what: `queue ${id}`, details: { id } },
    () => ctx.store.directoryEdits.removeQueue(id),
  );
}
