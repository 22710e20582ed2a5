// Login sessions. The cookie carries a random token; the table keeps only
// its SHA-256, so the rows are of no use to whoever reads them. Each
// session has its own CSRF token, which state-changing requests must echo.
// Expiry is decided by the caller's clock, passed in.

import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { userFromRow, type User } from './users.js';

export interface Session {
  readonly tokenHash: string;
  readonly userId: number;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
}

export class Sessions {
  constructor(private readonly db: Kysely<Database>) {}

  async add(session: Session): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        token_hash: session.tokenHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /** The session and its user, while the session lasts at `now` and the user is not disabled. */
  async find(tokenHash: string, now: Date): Promise<{ session: Session; user: User } | undefined> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .select([
        's.token_hash',
        's.csrf_token',
        's.created_at as session_created_at',
        's.expires_at',
      ])
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now)
      .where('u.disabled', '=', false)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      session: {
        tokenHash: row.token_hash,
        userId: row.id,
        csrfToken: row.csrf_token,
        createdAt: row.session_created_at,
        expiresAt: row.expires_at,
      },
      user: userFromRow(row),
    };
  }

  async remove(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of a user (a new password, a disabled account). */
  async removeForUser(userId: number): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** Deletes the sessions that ended before `now`. */
  async prune(now: Date): Promise<number> {
    const r = await this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
