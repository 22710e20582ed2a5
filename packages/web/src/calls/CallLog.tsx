// The call log: every call of a period the user may see, searchable by
// number or name, queue, outcome and operator; a virtualised list, so a
// day of a large center scrolls as smoothly as a handful. A row opens the
// call's timeline.

import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { t } from 'ttag';
import type { Api } from '../api/client.ts';
import { dateTimeFormat, formatDuration } from '../format.ts';
import type { Language } from '../i18n/i18n.ts';
import { directionLabel, outcomeLabel } from './labels.ts';
import { matches, NO_FILTER, toRow, type CallFilter, type CallRow } from './rows.ts';

const ROW_HEIGHT = 34;

function isoDay(d: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

/** A local calendar day's first moment. */
function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00`);
}

type Load =
  | { readonly state: 'loading' }
  | { readonly state: 'failed' }
  | { readonly state: 'ready'; readonly rows: readonly CallRow[] };

export function CallLog({
  api,
  language,
  onOpen,
}: {
  api: Api;
  language: Language;
  onOpen: (id: string) => void;
}) {
  const params = new URLSearchParams(location.search);
  const today = isoDay(new Date());
  const [from, setFrom] = useState(params.get('from') ?? today);
  const [to, setTo] = useState(params.get('to') ?? params.get('from') ?? today);
  const [filter, setFilter] = useState<CallFilter>(NO_FILTER);
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    const since = dayStart(from);
    const until = dayStart(to);
    until.setDate(until.getDate() + 1);
    if (Number.isNaN(since.getTime()) || Number.isNaN(until.getTime()) || until <= since) return;
    history.replaceState(null, '', `/calls?from=${from}&to=${to}`);
    const abort = new AbortController();
    setLoad({ state: 'loading' });
    api
      .calls({ since, until }, abort.signal)
      .then((calls) => setLoad({ state: 'ready', rows: calls.map(toRow) }))
      .catch(() => {
        if (!abort.signal.aborted) setLoad({ state: 'failed' });
      });
    return () => abort.abort();
  }, [api, from, to]);

  const rows = load.state === 'ready' ? load.rows : [];
  const queues = useMemo(() => [...new Set(rows.flatMap((r) => r.queues))].sort(), [rows]);
  const outcomes = useMemo(() => [...new Set(rows.map((r) => r.outcome))].sort(), [rows]);
  const shown = useMemo(() => rows.filter((r) => matches(r, filter)), [rows, filter]);
  const when = dateTimeFormat(language);

  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  return (
    <section className="call-log">
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t`From`}
          <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          {t`To`}
          <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t`Number or name`}
          <input
            type="search"
            name="text"
            value={filter.text}
            onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          />
        </label>
        <label>
          {t`Queue`}
          <select
            name="queue"
            value={filter.queue}
            onChange={(e) => setFilter({ ...filter, queue: e.target.value })}
          >
            <option value="">{t`all`}</option>
            {queues.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t`Outcome`}
          <select
            name="outcome"
            value={filter.outcome}
            onChange={(e) => setFilter({ ...filter, outcome: e.target.value })}
          >
            <option value="">{t`all`}</option>
            {outcomes.map((o) => (
              <option key={o} value={o}>
                {outcomeLabel(o)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t`Operator`}
          <input
            type="search"
            name="operator"
            value={filter.operator}
            onChange={(e) => setFilter({ ...filter, operator: e.target.value })}
          />
        </label>
      </form>
      {load.state === 'loading' && <p className="loading">{t`Loading…`}</p>}
      {load.state === 'failed' && <p role="alert">{t`The server did not answer. Try again.`}</p>}
      {load.state === 'ready' && (
        <p className="count" data-count={shown.length}>
          {t`Calls shown: ${shown.length} of ${rows.length}`}
        </p>
      )}
      <div className="table-head" role="row">
        <span>{t`Started`}</span>
        <span>{t`Direction`}</span>
        <span>{t`Caller`}</span>
        <span>{t`Dialled`}</span>
        <span>{t`Queue`}</span>
        <span>{t`Outcome`}</span>
        <span>{t`Wait`}</span>
        <span>{t`Talk`}</span>
        <span>{t`Operator`}</span>
      </div>
      <div className="rows" ref={scroller} role="table" aria-label={t`Calls`}>
        <div style={{ height: `${virtual.getTotalSize()}px`, position: 'relative' }}>
          {virtual.getVirtualItems().map((item) => {
            const r = shown[item.index];
            if (!r) return null;
            return (
              <div
                key={r.id}
                role="row"
                className="call-row"
                data-id={r.id}
                tabIndex={0}
                style={{ transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px` }}
                onClick={() => onOpen(r.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onOpen(r.id);
                }}
              >
                <span>{when.format(r.startedAt)}</span>
                <span>{directionLabel(r.direction)}</span>
                <span className="caller" title={r.fromNumber}>
                  {r.fromName !== '' ? `${r.fromName} ${r.fromNumber}` : r.fromNumber}
                </span>
                <span>{r.to}</span>
                <span>{r.queues.join(', ')}</span>
                <span>{outcomeLabel(r.outcome)}</span>
                <span>{formatDuration(r.waitMs)}</span>
                <span>{formatDuration(r.talkMs)}</span>
                <span>{r.operator}</span>
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
