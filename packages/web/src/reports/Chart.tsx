// A small chart of a report's series over a numeric axis (hours of the
// day, wait buckets), drawn with uPlot. Labels and series names are the
// page's own words; no caller data is ever drawn.

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface Series {
  readonly label: string;
  readonly values: readonly number[];
  readonly color: string;
}

export function Chart({
  title,
  x,
  xLabel,
  series,
  testId,
}: {
  title: string;
  x: readonly number[];
  xLabel: (v: number) => string;
  series: readonly Series[];
  testId: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const bars = uPlot.paths.bars?.({ size: [0.8, 40] });
    const plot = new uPlot(
      {
        title,
        width: Math.max(320, Math.min(900, el.clientWidth || 640)),
        height: 220,
        scales: { x: { time: false } },
        axes: [{ values: (_u, vs) => vs.map((v) => xLabel(Number(v))) }, {}],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            fill: `${s.color}55`,
            ...(bars ? { paths: bars } : {}),
          })),
        ],
      },
      [x.slice(), ...series.map((s) => s.values.slice())],
      el,
    );
    return () => plot.destroy();
  }, [title, x, xLabel, series]);
  return <div className="chart" ref={box} data-testid={testId} />;
}
