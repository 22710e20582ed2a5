// One call: what happened in a few lines, its queue visits, and the
// timeline of every party.

import { useEffect, useMemo, useState } from 'react';
import { t } from 'ttag';
import { ApiFailure, type Api } from '../api/client.ts';
import type { CallRecord } from '../api/types.ts';
import { dateTimeFormat, formatDuration } from '../format.ts';
import type { Language } from '../i18n/i18n.ts';
import { directionLabel, outcomeLabel } from './labels.ts';
import { Timeline } from './Timeline.tsx';
import { buildTimeline } from './timeline.ts';

type State =
  | { readonly state: 'loading' }
  | { readonly state: 'missing' }
  | { readonly state: 'failed' }
  | { readonly state: 'ready'; readonly call: CallRecord };

export function CallView({
  api,
  id,
  language,
  onBack,
}: {
  api: Api;
  id: string;
  language: Language;
  onBack: () => void;
}) {
  const [s, setS] = useState<State>({ state: 'loading' });
  useEffect(() => {
    setS({ state: 'loading' });
    api
      .call(id)
      .then((call) => setS({ state: 'ready', call }))
      .catch((e: unknown) =>
        setS({ state: e instanceof ApiFailure && e.status === 404 ? 'missing' : 'failed' }),
      );
  }, [api, id]);
  const model = useMemo(() => (s.state === 'ready' ? buildTimeline(s.call) : null), [s]);
  const when = dateTimeFormat(language);

  return (
    <section className="call-view">
      <button type="button" className="back" onClick={onBack}>{t`Back to calls`}</button>
      {s.state === 'loading' && <p className="loading">{t`Loading…`}</p>}
      {s.state === 'missing' && <p role="alert">{t`No such call, or it is outside your view.`}</p>}
      {s.state === 'failed' && <p role="alert">{t`The server did not answer. Try again.`}</p>}
      {s.state === 'ready' && model && (
        <>
          <h2>
            {t`Call`} <span className="caller">{s.call.from.name ?? s.call.from.number ?? ''}</span>
          </h2>
          <dl className="facts">
            <dt>{t`Started`}</dt>
            <dd>{when.format(Date.parse(s.call.startedAt))}</dd>
            <dt>{t`Duration`}</dt>
            <dd>{formatDuration(Date.parse(s.call.endedAt) - Date.parse(s.call.startedAt))}</dd>
            <dt>{t`Direction`}</dt>
            <dd>{directionLabel(s.call.direction)}</dd>
            <dt>{t`Caller`}</dt>
            <dd>{s.call.from.number ?? '—'}</dd>
            <dt>{t`Dialled`}</dt>
            <dd>{s.call.to.number ?? '—'}</dd>
            <dt>{t`Outcome`}</dt>
            <dd>{outcomeLabel(s.call.outcome)}</dd>
          </dl>
          <Timeline model={model} language={language} />
          {s.call.queueVisits.length > 0 && (
            <table className="visits">
              <caption>{t`Queue visits`}</caption>
              <thead>
                <tr>
                  <th>{t`Queue`}</th>
                  <th>{t`Joined`}</th>
                  <th>{t`Wait`}</th>
                  <th>{t`Talk`}</th>
                  <th>{t`Rings`}</th>
                  <th>{t`Outcome`}</th>
                  <th>{t`Answered by`}</th>
                </tr>
              </thead>
              <tbody>
                {s.call.queueVisits.map((v, i) => (
                  <tr key={i}>
                    <td>{v.queue}</td>
                    <td>{when.format(Date.parse(v.joinedAt))}</td>
                    <td>{formatDuration(v.waitMs)}</td>
                    <td>{formatDuration(v.talkMs)}</td>
                    <td>{v.attempts.length}</td>
                    <td>{outcomeLabel(v.outcome)}</td>
                    <td>{v.answeredBy?.memberName ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
