// The call's timeline: one row per lane (timeline.ts), a shared time axis,
// spans as bars and marks as ticks. Every label is rendered as text: names
// and numbers come from outside and are never markup.

import { t } from 'ttag';
import { formatDuration, timeFormat } from '../format.ts';
import type { Language } from '../i18n/i18n.ts';
import { outcomeLabel, spanLabel, transferLabel } from './labels.ts';
import type { Lane, Timeline as Model } from './timeline.ts';

const WIDTH = 1000;

const LEGEND: readonly (readonly [string, () => string])[] = [
  ['span-wait', () => t`waiting`],
  ['span-ring', () => t`ringing`],
  ['span-ring result-answered', () => t`ring answered`],
  ['span-talk', () => t`talking`],
  ['mark-transfer', () => t`transfer`],
  ['mark-answer', () => t`answer`],
];
const ROW = 28;

function laneKindLabel(kind: Lane['kind']): string {
  switch (kind) {
    case 'caller':
      return t`caller`;
    case 'queue':
      return t`queue`;
    case 'operator':
      return t`operator`;
    case 'extension':
      return t`extension`;
    case 'external':
      return t`outside party`;
  }
}

export function Timeline({ model, language }: { model: Model; language: Language }) {
  const span = Math.max(1, model.end - model.start);
  const x = (at: number): number => ((at - model.start) / span) * WIDTH;
  const clock = timeFormat(language);
  const ticks = Array.from({ length: 6 }, (_, i) => model.start + (span * i) / 5);
  return (
    <figure className="timeline" aria-label={t`Call timeline`}>
      <div className="timeline-axis">
        <span />
        <div className="ticks">
          {ticks.map((at, i) => (
            <span key={i} style={{ left: `${(i / 5) * 100}%` }}>
              {i === 0 ? clock.format(at) : `+${formatDuration(at - model.start)}`}
            </span>
          ))}
        </div>
      </div>
      {model.lanes.map((lane) => (
        <div className={`lane lane-${lane.kind}`} key={lane.key} data-lane={lane.kind}>
          <div className="lane-label">
            <span className="lane-kind">{laneKindLabel(lane.kind)}</span>
            <span className="lane-name">{lane.label}</span>
            {lane.detail !== null && lane.detail !== lane.label && (
              <span className="lane-detail">{lane.detail}</span>
            )}
          </div>
          <svg viewBox={`0 0 ${WIDTH} ${ROW}`} preserveAspectRatio="none" role="img">
            {lane.spans.map((s, i) => (
              <rect
                key={`s${i}`}
                className={`span span-${s.kind}${s.result === null ? '' : ` result-${s.result}`}`}
                x={x(s.from)}
                y={s.kind === 'call' ? 11 : 4}
                width={Math.max(2, x(s.to) - x(s.from))}
                height={s.kind === 'call' ? 6 : ROW - 8}
              >
                <title>
                  {`${spanLabel(s.kind)} ${clock.format(s.from)}–${clock.format(s.to)} (${formatDuration(s.to - s.from)})${s.result === null ? '' : ` · ${outcomeLabel(s.result)}`}`}
                </title>
              </rect>
            ))}
            {lane.marks.map((m, i) => (
              <rect
                key={`m${i}`}
                className={`mark mark-${m.kind}`}
                x={x(m.at) - 1.5}
                y={0}
                width={3}
                height={ROW}
              >
                <title>
                  {m.kind === 'transfer'
                    ? `${transferLabel(m.transfer)} → ${m.detail ?? '?'} ${clock.format(m.at)}`
                    : `${m.kind === 'answer' ? t`answered` : t`hung up`} ${clock.format(m.at)}`}
                </title>
              </rect>
            ))}
          </svg>
        </div>
      ))}
      <figcaption className="legend">
        {LEGEND.map(([cls, label]) => (
          <span className="key" key={cls}>
            <i className={`swatch ${cls}`} />
            {label()}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
