// Stations: a name (fixed once made: records and the configuration refer to
// it) and the time zone "today" and hourly figures are counted in.

import type { StationRow, User } from '@callboard/store';
import type { Ctx } from '../context.js';
import { checkZone, editRow, removeRow } from './edit.js';

export function addStation(
  ctx: Ctx,
  user: User,
  input: { readonly name: string; readonly timezone: string },
): Promise<StationRow> {
  checkZone(input.timezone, 'body.timezone');
  return editRow(
    ctx,
    user,
    { action: 'directory.station.add', what: `station "${input.name}"`, details: { ...input } },
    () => ctx.store.directoryEdits.addStation(input.name, input.timezone),
  );
}

export function changeStation(
  ctx: Ctx,
  user: User,
  id: number,
  change: { readonly timezone: string },
): Promise<StationRow> {
  checkZone(change.timezone, 'body.timezone');
  return editRow(
    ctx,
    user,
    { action: 'directory.station.change', what: `station ${id}`, details: { id, ...change } },
    () => ctx.store.directoryEdits.changeStation(id, change),
  );
}

export function removeStation(ctx: Ctx, user: User, id: number): Promise<void> {
  return removeRow(
    ctx,
    user,
    { action: 'directory.station.remove', what: `station ${id}`, details: { id } },
    () => ctx.store.directoryEdits.removeStation(id),
  );
}
