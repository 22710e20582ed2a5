// The audit log: every state-changing action — who, what, when, the
// result, and details as JSON. Rows are only ever added.

import type { Kysely } from 'kysely';
import type { AuditResult, Database } from './schema.js';

export interface AuditEntry {
  readonly at: Date;
  /** The acting user, when a user acted (not for a failed login, the CLI or the system). */
  readonly userId: number | null;
  /** Who acted, as known then: a login (even an unknown one), `cli` or `system`. */
  readonly actor: string;
  readonly action: string;
  readonly result: AuditResult;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface AuditRecord extends AuditEntry {
  readonly id: number;
}

/** PostgreSQL text and jsonb cannot hold U+0000; it is kept as U+FFFD (the rest stays as given). */
function noNul(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? value.replaceAll('\0', '\uFFFD') : value;
}

export class AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async write(entry: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: entry.at,
        user_id: entry.userId,
        actor: entry.actor,
        action: entry.action,
        result: entry.result,
        details: JSON.stringify(entry.details, noNul),
      })
      .execute();
  }

  /** The newest entries first, at most `limit`, optionally from `since` on. */
  async read(options: { readonly since?: Date; readonly limit: number }): Promise<AuditRecord[]> {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (options.since) q = q.where('at', '>=', options.since);
    const rows = await q.orderBy('id', 'desc').limit(options.limit).execute();
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      userId: r.user_id,
      actor: r.actor,
      action: r.action,
      result: r.result,
      details: r.details,
    }));
  }
}
