// A line chart in SVG: one line per series over time, with the y range, the time range, points that
// name their value on hover, and an optional threshold line. Enough for scores, rows and durations.
import { toDate } from '../format';
import { useWidth } from '../hooks/use-width';

export interface Series {
  name: string;
  points: { at: unknown; value: number }[];
}

// Series colours leave out the state colours (green good, red bad, blue in progress: state-badge.tsx),
// so a colour on a page means one thing: a red line is never just "the second series".
const COLORS = ['#7c3aed', '#d97706', '#0891b2', '#db2777', '#4b5563', '#a16207', '#c026d3', '#0f766e'];
/** The colour of the i-th series, for legends drawn outside the chart (the overview's chips). */
export const seriesColor = (i: number) => COLORS[i % COLORS.length];
const H = 220;
const PAD = { l: 48, r: 12, t: 12, b: 28 };

export function LineChart({
  series,
  yMin,
  yMax,
  format = (v) => String(Math.round(v * 100) / 100),
  threshold,
  testId,
}: {
  series: Series[];
  yMin?: number;
  yMax?: number;
  format?: (v: number) => string;
  threshold?: number;
  testId?: string;
}) {
  // The chart is drawn at its container's width, so text and points keep their size.
  const [ref, measured] = useWidth<HTMLElement>();
  const W = Math.max(320, measured || 640);
  const all = series.flatMap((s) => s.points.map((p) => ({ t: toDate(p.at)?.getTime() ?? 0, v: p.value })));
  if (!all.length) return <p className="muted">No data points yet.</p>;
  // A single moment is drawn in the middle of an hour around it.
  const span = Math.max(...all.map((p) => p.t)) - Math.min(...all.map((p) => p.t));
  const t0 = Math.min(...all.map((p) => p.t)) - (span ? 0 : 1_800_000);
  const t1 = Math.max(...all.map((p) => p.t)) + (span ? 0 : 1_800_000);
  const lo = yMin ?? Math.min(...all.map((p) => p.v), threshold ?? Infinity);
  const hi = Math.max(yMax ?? Math.max(...all.map((p) => p.v), threshold ?? -Infinity), lo + 1e-9);
  const x = (t: number) => PAD.l + ((t - t0) / (t1 - t0)) * (W - PAD.l - PAD.r);
  const y = (v: number) => H - PAD.b - ((v - lo) / (hi - lo)) * (H - PAD.t - PAD.b);
  const ticks = [lo, (lo + hi) / 2, hi];
  return (
    <figure className="chart" data-testid={testId} ref={ref}>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={series.map((s) => s.name).join(', ')}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.l - 6} y={y(v) + 4} textAnchor="end" className="axis">
              {format(v)}
            </text>
          </g>
        ))}
        <text x={PAD.l} y={H - 8} className="axis">
          {new Date(t0).toLocaleString()}
        </text>
        <text x={W - PAD.r} y={H - 8} textAnchor="end" className="axis">
          {new Date(t1).toLocaleString()}
        </text>
        {threshold !== undefined && <line x1={PAD.l} x2={W - PAD.r} y1={y(threshold)} y2={y(threshold)} className="threshold" />}
        {series.map((s, i) => {
          const pts = s.points.map((p) => ({ t: toDate(p.at)?.getTime() ?? 0, v: p.value })).sort((a, b) => a.t - b.t);
          const color = COLORS[i % COLORS.length];
          return (
            <g key={s.name} className="series" data-series={s.name}>
              <polyline fill="none" stroke={color} strokeWidth={2} points={pts.map((p) => `${x(p.t)},${y(p.v)}`).join(' ')} />
              {pts.map((p, j) => (
                <circle key={j} cx={x(p.t)} cy={y(p.v)} r={3.5} fill={color}>
                  <title>{`${s.name}: ${format(p.v)} at ${new Date(p.t).toLocaleString()}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        {series.map((s, i) => (
          <span key={s.name}>
            <i style={{ background: COLORS[i % COLORS.length] }} />
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
