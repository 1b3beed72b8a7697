// A run's states over time as one bar: each state a segment as long as the run stayed in it.
import { duration, time, toDate } from '../format';
import { tone } from './state-badge';

export function Timeline({ entries, end }: { entries: { State: string; At: string }[]; end?: unknown }) {
  if (!entries.length) return null;
  const times = entries.map((e) => toDate(e.At)!.getTime());
  const last = toDate(end)?.getTime() ?? Date.now();
  const total = Math.max(1, last - times[0]);
  return (
    <div className="timeline" data-testid="timeline">
      <div className="timeline-bar">
        {entries.map((e, i) => {
          const span = (i + 1 < times.length ? times[i + 1] : last) - times[i];
          return (
            <div
              key={i}
              className={`seg seg-${tone(e.State)}`}
              style={{ flexGrow: Math.max(span, total / 40) }}
              title={`${e.State} at ${time(e.At)} for ${duration(span / 1000)}`}
            >
              {e.State}
            </div>
          );
        })}
      </div>
      <ol className="timeline-list">
        {entries.map((e, i) => (
          <li key={i}>
            <b>{e.State}</b> {time(e.At)}
          </li>
        ))}
      </ol>
    </div>
  );
}
