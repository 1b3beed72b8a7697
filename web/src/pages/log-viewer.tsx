// A run's log, read on from where the last read stopped (GetRunLog's offset) every second until the
// run has ended, filtered by level, with each entry's fields one click away.
import { useEffect, useRef, useState } from 'react';
import { call, type ApiError } from '../api/client';
import { Failure } from '../components/panel';

interface Entry {
  Time: string;
  Level: string;
  Message: string;
  Fields: Record<string, unknown>;
}

const LEVELS = ['debug', 'info', 'warn', 'error'];
const RANK: Record<string, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4, fatal: 5 };

const HIDDEN = new Set(['pid', 'hostname', 'stack', 'time']);

/** The entry's fields as key=value, short enough to read on the line. */
function inline(fields: Record<string, unknown>): string {
  const parts = Object.entries(fields)
    .filter(([k, v]) => !HIDDEN.has(k) && v !== undefined && v !== null)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const text = parts.join('  ');
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

export function LogViewer({ runId, ended }: { runId: string; ended: boolean }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [level, setLevel] = useState('debug');
  const [error, setError] = useState<ApiError>();
  const offset = useRef(0);
  const endedRef = useRef(ended);
  endedRef.current = ended;

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout>;
    let quiet = 0;
    offset.current = 0;
    setEntries([]);
    const read = async () => {
      try {
        const page = await call<{ Entries: Entry[]; NextOffset: number; Ended: boolean }>('GetRunLog', {
          RunId: runId,
          Offset: offset.current,
        });
        if (!alive) return;
        offset.current = page.NextOffset;
        if (page.Entries.length) setEntries((e) => [...e, ...page.Entries]);
        setError(undefined);
        // A run's last lines land just after its end: stop once nothing new came for a few reads.
        quiet = page.Ended && endedRef.current && !page.Entries.length ? quiet + 1 : 0;
        if (quiet >= 3) return;
      } catch (e) {
        if (alive) setError(e as ApiError);
      }
      if (alive) timer = setTimeout(read, 1000);
    };
    void read();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [runId]);

  const shown = entries.filter((e) => (RANK[e.Level] ?? 2) >= RANK[level]);
  return (
    <div className="log" data-testid="log-viewer">
      <div className="filters">
        <label>
          level
          <select value={level} onChange={(e) => setLevel(e.target.value)} name="level">
            {LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <span className="muted small">
          {shown.length} of {entries.length} lines{ended ? '' : ' · following'} · <code>sluice logs {runId}</code>
        </span>
      </div>
      {error && <Failure error={error} />}
      <div className="log-lines">
        {shown.map((e, i) => (
          <details key={i} className={`log-line log-${e.Level}`}>
            <summary>
              <span className="log-time">{e.Time ? new Date(e.Time).toLocaleTimeString() : ''}</span>
              <span className="log-level">{e.Level.toUpperCase()}</span>
              <span className="log-msg">{e.Message}</span>
              <span className="log-fields">{inline(e.Fields)}</span>
            </summary>
            <pre>{JSON.stringify(e.Fields, null, 2)}</pre>
          </details>
        ))}
        {!entries.length && <p className="muted">No log lines{ended ? '' : ' yet'}.</p>}
      </div>
    </div>
  );
}
