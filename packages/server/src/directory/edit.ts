// What every directory edit shares: a refusal of the store becomes the
// API's error (a duplicate or a row in use: 409; no such row: 404; a
// station or server that does not exist: 400 naming the field), and every
// edit, done or refused, is audited.

import type { EditRefusal, Edited, User } from '@callboard/store';
import { audit } from '../audit.js';
import type { Ctx } from '../context.js';
import { ApiError } from '../errors.js';

export interface EditOf {
  /** The audit action, as `directory.station.add`. */
  readonly action: string;
  /** What it is, for messages: `station "moscow"`, `server 3`. */
  readonly what: string;
  readonly details: Record<string, unknown>;
}

export function refusalError(refusal: EditRefusal, what: string): ApiError {
  switch (refusal.refused) {
    case 'duplicate':
      return new ApiError('conflict', `${what} already exists`);
    case 'not-found':
      return new ApiError('not_found', `no ${what}`);
    case 'in-use':
      return new ApiError(
        'conflict',
        `${what} is still referred to (calls, the journal, servers, users): it stays`,
      );
    case 'no-station':
      return new ApiError(
        'invalid',
        `body.station: no station "${refusal.station}"`,
        'body.station',
      );
    case 'no-server':
      return new ApiError(
        'invalid',
        `body.interfaces: no server "${refusal.server}" on the operator's station`,
        'body.interfaces',
      );
  }
}

/** Runs an edit that gives back a row; audits it; throws the refusal as an ApiError. */
export async function editRow<T>(
  ctx: Ctx,
  user: User,
  edit: EditOf,
  run: () => Promise<Edited<T>>,
): Promise<T> {
  return audited(ctx, user, edit, async () => {
    const result = await run();
    if (result.refused !== null) throw refusalError(result, edit.what);
    return result.row;
  });
}

/** Runs a deletion; audits it; throws the refusal as an ApiError. */
export function removeRow(
  ctx: Ctx,
  user: User,
  edit: EditOf,
  run: () => Promise<EditRefusal | null>,
): Promise<void> {
  return audited(ctx, user, edit, async () => {
    const refusal = await run();
    if (refusal) throw refusalError(refusal, edit.what);
  });
}

async function audited<T>(ctx: Ctx, user: User, edit: EditOf, run: () => Promise<T>): Promise<T> {
  try {
    const out = await run();
    await audit(ctx.store, ctx.clock, { user }, edit.action, 'ok', edit.details);
    return out;
  } catch (error) {
    if (error instanceof ApiError)
      await audit(ctx.store, ctx.clock, { user }, edit.action, 'failed', {
        ...edit.details,
        reason: error.message,
      });
    throw error;
  }
}

/** An IANA time zone, as Intl knows it; else a 400 naming the field. */
export function checkZone(zone: string, field: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    throw new ApiError(
      'invalid',
      `${field}: not a time zone (use an IANA name such as Europe/Moscow)`,
      field,
    );
  }
}
