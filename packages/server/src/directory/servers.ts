// Servers: one Asterisk each, of one station, with its AMI address. The
// secret is never here: it stays in the configuration file, which is also
// what the collectors connect with (docs/server.md, "Directory").

import type { ServerRow, User } from '@callboard/store';
import type { Ctx } from '../context.js';
import { editRow, removeRow } from './edit.js';

export type ServerChange = Partial<Pick<ServerRow, 'host' | 'port' | 'username'>>;

export function addServer(ctx: Ctx, user: User, input: Omit<ServerRow, 'id'>): Promise<ServerRow> {
  return editRow(
    ctx,
    user,
    { action: 'directory.server.add', what: `server "${input.name}"`, details: { ...input } },
    () => ctx.store.directoryEdits.addServer(input),
  );
}

export function changeServer(
  ctx: Ctx,
  user: User,
  id: number,
  change: ServerChange,
): Promise<ServerRow> {
  return editRow(
    ctx,
    user,
    { action: 'directory.server.change', what: `server ${id}`, details: { id, ...change } },
    () => ctx.store.directoryEdits.changeServer(id, change),
  );
}

export function removeServer(ctx: Ctx, user: User, id: number): Promise<void> {
  return removeRow(
    ctx,
    user,
    { action: 'directory.server.remove', what: `server ${id}`, details: { id } },
    () => ctx.store.directoryEdits.removeServer(id),
  );
}
