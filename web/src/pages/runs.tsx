// Runs: every run of every kind, newest first, filtered by kind, state, name or failure. The filters
// live in the address, so a filtered list can be shared and survives a reload.
import { useApi } from '../hooks/use-api';
import { navigate, useLocation } from '../router';
import { Failure, Loading, Panel } from '../components/panel';
import { RunsTable, type RunSummary } from './runs-table';

const KINDS = ['job', 'crawl', 'workflow', 'dq-evaluation', 'dq-recommendation'];
const STATES = ['RUNNING', 'STARTING', 'SUCCEEDED', 'COMPLETED', 'FAILED', 'TIMEOUT', 'STOPPED', 'ERROR', 'CANCELLED'];

export function Runs() {
  const { query } = useLocation();
  const kind = query.get('kind') ?? '';
  const state = query.get('state') ?? '';
  const name = query.get('name') ?? '';
  const failed = query.get('failed') === '1';
  const set = (k: string, v: string) => {
    const q = new URLSearchParams(query);
    if (v) q.set(k, v);
    else q.delete(k);
    navigate(`/runs${q.toString() ? `?${q}` : ''}`, true);
  };
  const input = {
    Kinds: kind ? [kind] : undefined,
    States: state ? [state] : undefined,
    Names: name ? [name] : undefined,
    Failed: failed || undefined,
    MaxResults: 200,
  };
  const runs = useApi<{ Runs: RunSummary[] }>('ListRuns', input, 3000);
  return (
    <div className="page">
      <h1>Runs</h1>
      <div className="filters" data-testid="run-filters">
        <label>
          kind
          <select value={kind} onChange={(e) => set('kind', e.target.value)} name="kind">
            <option value="">any</option>
            {KINDS.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
        </label>
        <label>
          state
          <select value={state} onChange={(e) => set('state', e.target.value)} name="state">
            <option value="">any</option>
            {STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          name
          <input value={name} onChange={(e) => set('name', e.target.value)} placeholder="job, crawler or workflow" name="name" />
        </label>
        <label className="check">
          <input type="checkbox" checked={failed} onChange={(e) => set('failed', e.target.checked ? '1' : '')} name="failed" /> failed only
        </label>
      </div>
      <Panel>
        {runs.error && !runs.data ? <Failure error={runs.error} /> : runs.data ? <RunsTable runs={runs.data.Runs} /> : <Loading />}
      </Panel>
    </div>
  );
}
