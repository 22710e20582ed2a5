// The reports page: the period (calendar days on each queue's own clock),
// the grouping, the filters, and the report; the worker does the work.
// Every figure here is computed in the browser from the server's data.

import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { t } from 'ttag';
import type { Api } from '../api/client.ts';
import { todayIn } from '../format.ts';
import type { Language } from '../i18n/i18n.ts';
import type { ReportClient } from '../report/client.ts';
import type { Meta, ReportKind, ReportResult, Timings } from '../report/protocol.ts';
import type { Grouping } from '../report/zone.ts';
import { csvBlob, download, toCsv } from './csv.ts';
import { groupingLabel } from './labels.ts';
import { OperatorDay } from './OperatorDay.tsx';
import { shownOperatorColumns } from './OperatorTable.tsx';
import { QueueTables, ReportTable } from './QueueTables.tsx';
import { reportSheets } from './sheets.ts';
import { toXlsx } from './xlsx.ts';

const GROUPINGS: readonly Grouping[] = ['total', 'hour', 'day', 'week', 'month'];

type State =
  | { readonly state: 'idle' }
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly message: string }
  | {
      readonly state: 'ready';
      readonly result: ReportResult;
      readonly timings: Timings;
      /** When the question was asked (performance.now). */
      readonly askedAt: number;
    };

export function Reports({
  api,
  reports,
  language,
}: {
  api: Api;
  reports: ReportClient;
  language: Language;
}) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const params = new URLSearchParams(location.search);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [kind, setKind] = useState<ReportKind>(
    params.get('report') === 'operators' ? 'operators' : 'queues',
  );
  const [fromDay, setFrom] = useState(params.get('from') ?? todayIn(zone));
  const [toDay, setTo] = useState(params.get('to') ?? params.get('from') ?? todayIn(zone));
  const [grouping, setGrouping] = useState<Grouping>('total');
  const [station, setStation] = useState('');
  const [queue, setQueue] = useState('');
  const [operator, setOperator] = useState('');
  const [shortAbandonS, setShort] = useState(5);
  const [s, setS] = useState<State>({ state: 'idle' });
  const [exportError, setExportError] = useState<string | null>(null);
  // `?source=json|rows`: the browser benchmark's baselines (protocol.ts).
  const [source] = useState<'arrow' | 'rows' | 'json'>(() => {
    const asked = params.get('source');
    return asked === 'json' || asked === 'rows' ? asked : 'arrow';
  });

  useEffect(() => {
    api
      .reportMeta()
      .then(setMeta)
      .catch((e: unknown) => setS({ state: 'failed', message: String(e) }));
  }, [api]);

  useEffect(() => {
    if (!meta || !/^\d{4}-\d\d-\d\d$/.test(fromDay) || !/^\d{4}-\d\d-\d\d$/.test(toDay)) return;
    if (toDay < fromDay) return;
    const extra = source === 'arrow' ? '' : `&source=${source}`;
    history.replaceState(null, '', `/reports?report=${kind}&from=${fromDay}&to=${toDay}${extra}`);
    let live = true;
    setS({ state: 'loading' });
    const askedAt = performance.now();
    reports
      .ask(meta, {
        kind,
        fromDay,
        toDay,
        grouping,
        zone,
        shortAbandonS,
        stations: station === '' ? [] : [station],
        queues: queue === '' ? [] : [queue],
        operators: operator === '' ? [] : [operator],
        source,
      })
      .then(
        ({ result, timings }) => live && setS({ state: 'ready', result, timings, askedAt }),
        (e: unknown) => live && setS({ state: 'failed', message: String(e) }),
      );
    return () => {
      live = false;
    };
  }, [
    meta,
    reports,
    kind,
    fromDay,
    toDay,
    grouping,
    station,
    queue,
    operator,
    shortAbandonS,
    zone,
    source,
  ]);

  // From the question to the report on screen: stamped once the tables are in the page.
  const body = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    if (s.state !== 'ready' || !body.current) return;
    const el = body.current;
    requestAnimationFrame(() =>
      el.setAttribute('data-rendered-ms', (performance.now() - s.askedAt).toFixed(1)),
    );
  }, [s]);

  const queues = useMemo(
    () =>
      [
        ...new Set(
          (meta?.queues ?? [])
            .filter((q) => station === '' || q.station === station)
            .map((q) => q.name),
        ),
      ].sort(),
    [meta, station],
  );

  // An operator's key may be on several stations: one entry, named as the directory names it.
  const operators = useMemo(() => {
    const byKey = new Map<string, string>();
    for (const o of meta?.operators ?? [])
      if (station === '' || o.station === station)
        byKey.set(o.operator, o.name === null ? o.operator : `${o.name} (${o.operator})`);
    return [...byKey]
      .map(([key, label]) => ({ operator: key, label }))
      .sort((a, b) => a.label.localeCompare(b.label));
  }, [meta, station]);

  const exportAs = (format: 'csv' | 'xlsx'): void => {
    if (s.state !== 'ready') return;
    const name = `callboard-${s.result.kind}-${fromDay}-${toDay}.${format}`;
    const sheets = reportSheets(s.result, grouping, language);
    const first = sheets[0];
    if (format === 'csv') {
      if (first) download(name, csvBlob(toCsv(first)));
      return;
    }
    toXlsx(sheets).then(
      (blob) => download(name, blob),
      (e: unknown) => setExportError(String(e)),
    );
  };

  return (
    <section className="reports">
      <nav className="tabs" aria-label={t`Reports`}>
        <button type="button" aria-pressed={kind === 'queues'} onClick={() => setKind('queues')}>
          {t`Queues`}
        </button>
        <button
          type="button"
          aria-pressed={kind === 'operators'}
          onClick={() => setKind('operators')}
        >
          {t`Operators`}
        </button>
      </nav>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t`From`}
          <input
            type="date"
            name="from"
            value={fromDay}
            onChange={(e) => setFrom(e.target.value)}
          />
        </label>
        <label>
          {t`To`}
          <input type="date" name="to" value={toDay} onChange={(e) => setTo(e.target.value)} />
        </label>
        <label>
          {t`Grouping`}
          <select
            name="grouping"
            value={grouping}
            onChange={(e) => setGrouping(GROUPINGS.find((g) => g === e.target.value) ?? 'total')}
          >
            {GROUPINGS.map((g) => (
              <option key={g} value={g}>
                {groupingLabel(g)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t`Station`}
          <select name="station" value={station} onChange={(e) => setStation(e.target.value)}>
            <option value="">{t`all`}</option>
            {(meta?.stations ?? []).map((st) => (
              <option key={st.name} value={st.name}>
                {st.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t`Queue`}
          <select name="queue" value={queue} onChange={(e) => setQueue(e.target.value)}>
            <option value="">{t`all`}</option>
            {queues.map((q) => (
              <option key={q} value={q}>
                {q}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t`Operator`}
          <select name="operator" value={operator} onChange={(e) => setOperator(e.target.value)}>
            <option value="">{t`all`}</option>
            {operators.map((o) => (
              <option key={o.operator} value={o.operator}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        {kind === 'queues' && (
          <label>
            {t`Short abandon, s`}
            <input
              type="number"
              name="short"
              min={0}
              max={600}
              value={shortAbandonS}
              onChange={(e) => setShort(Math.max(0, Number(e.target.value) || 0))}
            />
          </label>
        )}
        <button type="button" onClick={() => exportAs('csv')} disabled={s.state !== 'ready'}>
          {t`Export CSV`}
        </button>
        <button type="button" onClick={() => exportAs('xlsx')} disabled={s.state !== 'ready'}>
          {t`Export XLSX`}
        </button>
      </form>
      {kind === 'operators' && (
        <p className="note">{t`Operators' hours are on your clock: ${zone}`}</p>
      )}
      {exportError !== null && <p role="alert">{t`The file could not be made: ${exportError}`}</p>}
      {s.state === 'loading' && <p className="loading">{t`Loading…`}</p>}
      {s.state === 'failed' && <p role="alert">{t`The report could not be made: ${s.message}`}</p>}
      {s.state === 'ready' && (
        <div
          ref={body}
          className="report-body"
          data-load-ms={s.timings.loadMs.toFixed(1)}
          data-decode-ms={s.timings.decodeMs.toFixed(1)}
          data-bytes={s.timings.bytes}
          data-aggregate-ms={s.timings.aggregateMs.toFixed(1)}
          data-fetched={s.timings.fetched}
          data-from-cache={s.timings.fromCache}
        >
          {s.result.kind === 'queues' ? (
            <QueueTables result={s.result} grouping={grouping} language={language} />
          ) : (
            <>
              <ReportTable
                caption={t`Operator performance`}
                columns={shownOperatorColumns(s.result.rows, grouping, language)}
                rows={s.result.rows}
                testId="operators"
              />
              {s.result.timeline !== null && (
                <OperatorDay timeline={s.result.timeline} language={language} />
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
