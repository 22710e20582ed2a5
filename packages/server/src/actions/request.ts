// An action on a queue member as the API takes it: who (an operator of the
// directory, or the caller themselves), where (one of their interfaces, a
// queue) and what. Plain data; act.ts carries it out.

export const MEMBER_ACTIONS = ['pause', 'queue-add', 'queue-remove'] as const;
export type MemberActionKind = (typeof MEMBER_ACTIONS)[number];

export interface MemberRequest {
  readonly kind: MemberActionKind;
  /** The operator entity; an operator user may leave it out (themselves). */
  readonly operatorId?: number | undefined;
  /** One of the operator's interfaces; without it, every one (pause) or the one per server. */
  readonly interface?: string | undefined;
  /** Without it a pause is in every queue (admins and operators only). */
  readonly queue?: string | undefined;
  /** pause: true to pause, false to unpause; queue-add: join paused. */
  readonly paused?: boolean | undefined;
  readonly reason?: string | undefined;
  readonly penalty?: number | undefined;
}

/** The right a supervisor needs for each action. */
export const RIGHT_FOR = {
  pause: 'pause-others',
  'queue-add': 'change-membership',
  'queue-remove': 'change-membership',
} as const satisfies Record<MemberActionKind, string>;

/** The audit log's name of an action. */
export function auditName(r: MemberRequest): string {
  return r.kind === 'pause' ? (r.paused === false ? 'ami.unpause' : 'ami.pause') : `ami.${r.kind}`;
}
