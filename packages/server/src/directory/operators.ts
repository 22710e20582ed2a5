// Operators: a key per station (fixed once made: call records refer to
// it), a name, whether they are monitored, and their interfaces on the
// station's servers. After a change the running tracker is told (its
// directory of operators) and the scope filter sees it at the next request.

import type { OperatorRow, User } from '@callboard/store';
import type { Ctx } from '../context.js';
import { editRow, removeRow } from './edit.js';

export type OperatorInput = Omit<OperatorRow, 'id'>;
export type OperatorChange = Partial<Pick<OperatorRow, 'name' | 'monitored' | 'interfaces'>>;

export async function addOperator(
  ctx: Ctx,
  user: User,
  input: OperatorInput,
): Promise<OperatorRow> {
  const row = await editRow(
    ctx,
    user,
    {
      action: 'directory.operator.add',
      what: `operator "${input.key}" of station "${input.station}"`,
      details: { ...input },
    },
    () => ctx.store.directoryEdits.addOperator(input),
  );
  await changed(ctx);
  return row;
}

export async function changeOperator(
  ctx: Ctx,
  user: User,
  id: number,
  change: OperatorChange,
): Promise<OperatorRow> {
  const row = await editRow(
    ctx,
    user,
    { action: 'directory.operator.change', what: `operator ${id}`, details: { id, ...change } },
    () => ctx.store.directoryEdits.changeOperator(id, change),
  );
  await changed(ctx);
  return row;
}

export async function removeOperator(ctx: Ctx, user: User, id: number): Promise<void> {
  await removeRow(
    ctx,
    user,
    { action: 'directory.operator.remove', what: `operator ${id}`, details: { id } },
    () => ctx.store.directoryEdits.removeOperator(id),
  );
  await changed(ctx);
}

/** The edit is stored: a tracker that cannot follow now follows at the next start. */
async function changed(ctx: Ctx): Promise<void> {
  try {
    // The live feed's operator ids first: the tracker's next states name them.
    ctx.live.directory(await ctx.store.operatorRefs());
  } catch (error) {
    ctx.log.warn({ err: error }, 'the live feed takes the new operator ids at its next check');
  }
  try {
    await ctx.onDirectoryChange?.();
  } catch (error) {
    ctx.log.warn({ err: error }, 'the tracker did not take the new directory; it will at restart');
  }
}
