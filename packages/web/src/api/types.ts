// What the API sends, as the web app reads it. Call records are the
// tracker's own type (docs/call-record.md), imported as a type only.

export type { CallRecord, Party, QueueVisit, Attempt, Leg, Transfer } from '@callboard/tracker';

export type Role = 'operator' | 'supervisor' | 'admin';

export interface Me {
  readonly user: {
    readonly id: number;
    readonly login: string;
    readonly displayName: string;
    readonly role: Role;
    readonly queues: readonly string[];
    readonly rights: readonly string[];
  };
  readonly csrfToken: string;
  /** The operator an operator user is. */
  readonly operator: { readonly station: string; readonly key: string } | null;
}

/** A pause reason of the directory: the code sent to Asterisk, the label people read. */
export interface PauseReason {
  readonly id: number;
  readonly code: string;
  readonly label: string;
}

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly field?: string };
}
