// The wallboard: every queue in view with its waiting callers and the
// longest wait (ticking), the agents by state (of the view, and of each
// queue's members), today's figures per queue (today on the queue's own
// clock, computed by the report worker), and the operators board with
// their queues and, for a user with the right, the actions on them
// (MemberActions.tsx; the directory's pause reasons loaded once here).
// Live from the WebSocket, cut to the user's scope by the server.

import { useEffect, useMemo, useState } from 'react';
import { t } from 'ttag';
import type { Api } from '../api/client.ts';
import type { Me, PauseReason } from '../api/types.ts';
import { formatDuration, numberFormat, percentFormat, todayIn } from '../format.ts';
import type { Language } from '../i18n/i18n.ts';
import type { LiveFeed, FeedStatus } from '../live/feed.ts';
import type { OperatorStateName } from '../live/messages.ts';
import { EMPTY, type LiveState } from '../live/state.ts';
import type { ReportClient } from '../report/client.ts';
import { operatorStateLabel } from '../reports/labels.ts';
import type { Meta } from '../report/protocol.ts';
import type { QueueSummaryRow } from '../report/queue-summary.ts';
import { Agents } from './Agents.tsx';
import { MemberActions } from './MemberActions.tsx';
import { memberCounts } from './members.ts';

function statusLabel(s: FeedStatus): string {
  switch (s) {
    case 'connecting':
      return t`connecting…`;
    case 'live':
      return t`live`;
    case 'reconnecting':
      return t`connection lost, reconnecting…`;
    case 'signed-out':
      return t`signed out`;
  }
}

/** Seconds tick: the page's clock, moved onto the server's. */
function useNow(skewMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return now + skewMs;
}

export function Wallboard({
  api,
  me,
  feed,
  reports,
  language,
}: {
  api: Api;
  me: Me;
  feed: LiveFeed;
  reports: ReportClient | null;
  language: Language;
}) {
  const [live, setLive] = useState<{ state: LiveState; status: FeedStatus }>({
    state: EMPTY,
    status: 'connecting',
  });
  const [meta, setMeta] = useState<Meta | null>(null);
  const [today, setToday] = useState<readonly QueueSummaryRow[]>([]);
  const [pauseReasons, setPauseReasons] = useState<readonly PauseReason[]>([]);
  useEffect(() => feed.subscribe((state, status) => setLive({ state, status })), [feed]);
  const pausesOthers =
    me.user.role === 'admin' ||
    (me.user.role === 'supervisor' && me.user.rights.includes('pause-others'));
  useEffect(() => {
    // Without them the pause goes without a reason.
    if (pausesOthers) api.pauseReasons().then(setPauseReasons, () => setPauseReasons([]));
  }, [api, pausesOthers]);
  useEffect(() => {
    if (reports) api.reportMeta().then(setMeta, () => setMeta(null));
  }, [api, reports]);
  useEffect(() => {
    if (!reports || !meta) return;
    let on = true;
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const ask = (): void => {
      // Today on each queue's clock: the widest span of days, cut per queue by the worker.
      const days = meta.queues.map((q) =>
        todayIn(q.timezone ?? meta.stations.find((s) => s.name === q.station)?.timezone ?? zone),
      );
      const fromDay = [...days, todayIn(zone)].sort()[0] ?? todayIn(zone);
      const toDay = [...days, todayIn(zone)].sort().at(-1) ?? todayIn(zone);
      reports
        .ask(meta, {
          kind: 'queues',
          fromDay,
          toDay,
          grouping: 'day',
          zone,
          shortAbandonS: 5,
          stations: [],
          queues: [],
          operators: [],
        })
        .then(({ result }) => {
          if (!on || result.kind !== 'queues') return;
          const byQueue = new Map(meta.queues.map((q) => [`${q.station}\u0000${q.name}`, q]));
          setToday(
            result.rows.filter((r) => {
              const q = byQueue.get(`${r.station}\u0000${r.queue}`);
              const z =
                q?.timezone ?? meta.stations.find((s) => s.name === r.station)?.timezone ?? zone;
              return new Date(r.bucket).toISOString().slice(0, 10) === todayIn(z);
            }),
          );
        })
        .catch(() => undefined);
    };
    ask();
    const id = setInterval(ask, 60_000);
    return () => {
      on = false;
      clearInterval(id);
    };
  }, [reports, meta]);

  const now = useNow(live.state.skewMs);
  const num = numberFormat(language);
  const pct = percentFormat(language);
  const operators = useMemo(
    () =>
      [...live.state.operators.values()].sort((a, b) =>
        (a.name ?? a.operator).localeCompare(b.name ?? b.operator),
      ),
    [live.state.operators],
  );
  const queues = useMemo(() => {
    const all = new Map<string, { station: string; queue: string }>();
    for (const q of meta?.queues ?? [])
      all.set(`${q.station}\u0000${q.name}`, { station: q.station, queue: q.name });
    for (const [k, q] of live.state.queues) all.set(k, q);
    for (const op of operators)
      for (const m of op.queues)
        all.set(`${op.station}\u0000${m.queue}`, { station: op.station, queue: m.queue });
    return [...all.entries()].sort((a, b) => a[1].queue.localeCompare(b[1].queue));
  }, [meta, live.state.queues, operators]);
  const queuesOf = (station: string): string[] =>
    queues.filter(([, q]) => q.station === station).map(([, q]) => q.queue);
  const acts = me.user.role !== 'operator';
  const count = (s: OperatorStateName | readonly OperatorStateName[]): number =>
    operators.filter((o) => (typeof s === 'string' ? o.state === s : s.includes(o.state))).length;
  const callOf = (station: string, operator: string) =>
    [...live.state.calls.values()].find(
      (c) => c.station === station && c.operators.includes(operator),
    );

  return (
    <section className="wallboard">
      <p className={`feed feed-${live.status}`} role="status">
        {statusLabel(live.status)}
      </p>
      <Agents
        className="agents"
        testId="agents"
        format={num}
        counts={{
          idle: count('idle'),
          talking: count(['talking', 'ringing']),
          'wrap-up': count('wrap-up'),
          paused: count('paused'),
        }}
      />
      <div className="queue-cards">
        {queues.map(([k, q]) => {
          const waiting = live.state.queues.get(k)?.waiting ?? [];
          const longest = waiting.reduce((m, w) => Math.max(m, now - Date.parse(w.joinedAt)), 0);
          const day = today.find((r) => r.station === q.station && r.queue === q.queue);
          return (
            <article className="queue-card" key={k} data-queue={q.queue}>
              <h3>{q.queue}</h3>
              <p>
                {t`Waiting`} <b data-testid="waiting">{num.format(waiting.length)}</b>
              </p>
              <p>
                {t`Longest wait`} <b data-testid="longest">{formatDuration(longest)}</b>
              </p>
              <Agents
                className="queue-agents"
                testId="queue-agents"
                format={num}
                counts={memberCounts(operators, q.station, q.queue)}
              />
              {day && (
                <p className="today">
                  {t`Today`}: {t`offered`} {num.format(day.offered)} · {t`answered`}{' '}
                  {num.format(day.answered)} · {t`abandoned`}{' '}
                  {num.format(day.abandoned + day.shortAbandoned)} · {t`SL`}{' '}
                  {day.serviceLevel === null ? '—' : pct.format(day.serviceLevel)}
                </p>
              )}
              <ul className="waiting">
                {waiting.map((w) => (
                  <li key={w.uniqueid}>
                    {w.caller.name ?? w.caller.number ?? '?'} ·{' '}
                    {formatDuration(now - Date.parse(w.joinedAt))}
                  </li>
                ))}
              </ul>
            </article>
          );
        })}
      </div>
      <table className="report operators-board" data-testid="operators-board">
        <caption>{t`Operators`}</caption>
        <thead>
          <tr>
            <th scope="col">{t`Operator`}</th>
            <th scope="col">{t`State`}</th>
            <th scope="col">{t`Reason`}</th>
            <th scope="col">{t`For`}</th>
            <th scope="col">{t`Caller`}</th>
            {acts && <th scope="col">{t`Queues`}</th>}
            {acts && <th scope="col">{t`Actions`}</th>}
          </tr>
        </thead>
        <tbody>
          {operators.map((o) => {
            const call = callOf(o.station, o.operator);
            return (
              <tr
                key={`${o.station}/${o.operator}`}
                data-state={o.state}
                data-operator={o.operator}
              >
                <td>{o.name ?? o.operator}</td>
                <td>{operatorStateLabel(o.state)}</td>
                <td>{o.reason ?? ''}</td>
                <td>{formatDuration(now - Date.parse(o.since))}</td>
                <td>{call ? (call.from.name ?? call.from.number ?? '') : ''}</td>
                {acts && (
                  <MemberActions
                    api={api}
                    me={me}
                    op={o}
                    queues={queuesOf(o.station)}
                    pauseReasons={pauseReasons}
                  />
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
