// One operator's queues on the operators board, and what the user may do
// to them: pause (with a reason of the directory's, or none) or unpause (in
// every queue of theirs the user sees — an admin in all at once), add to a
// queue they are not in, remove from one
// (the × of its chip). The buttons call the action API; its refusal shows
// as it came, and what Asterisk did comes back over the live feed.

import { useState } from 'react';
import { t } from 'ttag';
import { ApiFailure, type Api } from '../api/client.ts';
import type { Me, PauseReason } from '../api/types.ts';
import type { OperatorView } from '../live/messages.ts';
import { NO_RIGHTS, rightsIn, type QueueRights } from './members.ts';

export interface MemberActionsProps {
  readonly api: Api;
  readonly me: Me;
  readonly op: OperatorView;
  /** The queues of the operator's station the user sees. */
  readonly queues: readonly string[];
  /** The directory's pause reasons, offered with Pause. */
  readonly pauseReasons: readonly PauseReason[];
}

/** Two cells: the operator's queues (chips), and the actions. */
export function MemberActions({ api, me, op, queues, pauseReasons }: MemberActionsProps) {
  const [busy, setBusy] = useState(false);
  /** The code of the reason picked; '' for none. */
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = op.id;
  const rights = (queue: string): QueueRights =>
    id === null ? NO_RIGHTS : rightsIn(me, op.station, queue);
  const run = (work: (operatorId: number) => Promise<unknown>): void => {
    if (id === null) return;
    setBusy(true);
    setError(null);
    work(id)
      .catch((e: unknown) =>
        setError(e instanceof ApiFailure ? e.message : t`The server did not answer.`),
      )
      .finally(() => setBusy(false));
  };
  const pausable = op.queues.filter((m) => rights(m.queue).pause);
  const allPaused = pausable.length > 0 && pausable.every((m) => m.paused);
  const addable = queues.filter(
    (q) => !op.queues.some((m) => m.queue === q) && rights(q).membership,
  );
  const togglePause = (): void =>
    run(async (operatorId) => {
      const paused = !allPaused;
      const why = paused && reason !== '' ? { reason } : {};
      if (me.user.role === 'admin') await api.pause({ operatorId, paused, ...why });
      else
        for (const m of pausable)
          if (m.paused !== paused) await api.pause({ operatorId, queue: m.queue, paused, ...why });
      // The next pause starts again from none.
      if (paused) setReason('');
    });

  return (
    <>
      <td className="member-queues">
        {op.queues.map(({ queue, paused, reason }) => (
          <span key={queue} className="chip" data-queue={queue} data-paused={paused}>
            {queue}
            {paused ? ` · ${reason ?? t`paused`}` : ''}
            {rights(queue).membership && (
              <button
                type="button"
                className="chip-remove"
                aria-label={t`Remove from ${queue}`}
                title={t`Remove from ${queue}`}
                disabled={busy}
                onClick={() => run((operatorId) => api.membership('remove', { operatorId, queue }))}
              >
                ×
              </button>
            )}
          </span>
        ))}
      </td>
      <td className="member-actions">
        {pausable.length > 0 && !allPaused && pauseReasons.length > 0 && (
          <select
            aria-label={t`Pause reason`}
            value={reason}
            disabled={busy}
            onChange={(e) => setReason(e.target.value)}
          >
            <option value="">{t`no reason`}</option>
            {pauseReasons.map((r) => (
              <option key={r.id} value={r.code}>
                {r.label}
              </option>
            ))}
          </select>
        )}
        {pausable.length > 0 && (
          <button type="button" disabled={busy} onClick={togglePause}>
            {allPaused ? t`Unpause` : t`Pause`}
          </button>
        )}
        {addable.length > 0 && (
          <select
            aria-label={t`Add to a queue`}
            value=""
            disabled={busy}
            onChange={(e) => {
              const queue = e.target.value;
              if (queue !== '') run((operatorId) => api.membership('add', { operatorId, queue }));
            }}
          >
            <option value="">{t`Add to a queue…`}</option>
            {addable.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        )}
        {error !== null && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
      </td>
    </>
  );
}
