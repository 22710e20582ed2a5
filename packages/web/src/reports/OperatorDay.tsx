// A day of operators' states (report/operator-day.ts): a lane per operator,
// the day's hours 00–24 on the report zone's clock across, a coloured block
// per state with its state, reason, times and duration as a tooltip, and a
// legend. Names come from outside: they are rendered as text, never markup.

import { useMemo } from 'react';
import { t } from 'ttag';
import { formatDuration, timeFormat } from '../format.ts';
import type { Language } from '../i18n/i18n.ts';
import type { DaySegment, OperatorDay as Lane } from '../report/operator-day.ts';
import type { OperatorTimeline } from '../report/protocol.ts';
import { Zone } from '../report/zone.ts';
import { operatorStateLabel } from './labels.ts';

const WIDTH = 1000;
const ROW = 24;
const HOUR_MS = 3_600_000;
const STATES: readonly string[] = ['idle', 'ringing', 'talking', 'wrap-up', 'paused', 'offline'];

function stateClass(state: string): string {
  return `state state-${STATES.includes(state) ? state : 'other'}`;
}

function talkingMs(lane: Lane): number {
  return lane.segments.reduce((n, s) => n + (s.state === 'talking' ? s.to - s.from : 0), 0);
}

export function OperatorDay({
  timeline,
  language,
}: {
  timeline: OperatorTimeline;
  language: Language;
}) {
  const { day, from, to, lanes } = timeline;
  const span = Math.max(1, to - from);
  const x = (at: number): number => ((at - from) / span) * WIDTH;
  const clock = useMemo(() => timeFormat(language, timeline.zone), [language, timeline.zone]);
  // Each hour's start on the zone's clock (a day with a clock change is not 24 hours long).
  const hours = useMemo(() => {
    const zone = new Zone(timeline.zone);
    const midnight = Date.parse(`${day}T00:00:00Z`);
    return Array.from({ length: 25 }, (_, h) => ({
      label: String(h).padStart(2, '0'),
      at: h === 24 ? to : Math.min(to, Math.max(from, zone.utcOf(midnight + h * HOUR_MS))),
    }));
  }, [timeline.zone, day, from, to]);
  const tip = (s: DaySegment): string =>
    `${operatorStateLabel(s.state)}${s.reason === null ? '' : ` · ${s.reason}`}\n` +
    `${clock.format(s.from)}–${clock.format(s.to)} (${formatDuration(s.to - s.from)})`;

  return (
    <figure className="timeline operator-day" data-testid="operator-day" data-day={day}>
      <h3>{t`Operators' states on ${day}`}</h3>
      {lanes.length === 0 ? (
        <p className="note">{t`No operator states on this day.`}</p>
      ) : (
        <div className="timeline-axis">
          <span />
          <div className="ticks">
            {hours.map((h) => (
              <span key={h.label} style={{ left: `${(x(h.at) / WIDTH) * 100}%` }}>
                {h.label}
              </span>
            ))}
          </div>
        </div>
      )}
      {lanes.map((lane) => (
        <div
          className="lane"
          key={`${lane.station}\u0000${lane.operator}`}
          data-station={lane.station}
          data-operator={lane.operator}
          data-talking-ms={talkingMs(lane)}
        >
          <div className="lane-label">
            <span className="lane-name">{lane.name ?? lane.operator}</span>
            <span className="lane-detail">
              {lane.name === null ? lane.station : `${lane.operator} · ${lane.station}`}
            </span>
          </div>
          <svg
            viewBox={`0 0 ${WIDTH} ${ROW}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={lane.name ?? lane.operator}
          >
            {hours.map((h) => (
              <line key={h.label} className="hour" x1={x(h.at)} x2={x(h.at)} y1={0} y2={ROW} />
            ))}
            {lane.segments.map((s) => (
              <rect
                key={s.from}
                className={stateClass(s.state)}
                data-state={s.state}
                data-ms={s.to - s.from}
                x={x(s.from)}
                y={3}
                width={Math.max(0.5, x(s.to) - x(s.from))}
                height={ROW - 6}
              >
                <title>{tip(s)}</title>
              </rect>
            ))}
          </svg>
        </div>
      ))}
      <figcaption className="legend">
        {STATES.map((state) => (
          <span className="key" key={state}>
            <i className={`swatch ${stateClass(state)}`} />
            {operatorStateLabel(state)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
