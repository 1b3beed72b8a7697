// Runs of any kind as a table: each links to its page.
import { Link } from '../router';
import { StateBadge } from '../components/state-badge';
import { Empty } from '../components/panel';
import { duration, time } from '../format';
import type { RunSummary } from '../../../src/monitoring/api/run-summary-shape';

export type { RunSummary };

export function RunsTable({ runs }: { runs: RunSummary[] }) {
  if (!runs.length) return <Empty>No runs.</Empty>;
  return (
    <table className="data" data-testid="runs-table">
      <thead>
        <tr>
          <th>state</th>
          <th>kind</th>
          <th>name</th>
          <th>run</th>
          <th>started</th>
          <th>duration</th>
          <th>error</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.RunId} data-run={r.RunId}>
            <td>
              <StateBadge state={r.Failed && r.State === 'COMPLETED' ? 'FAILED' : r.State} label={r.State} />
            </td>
            <td>{r.Kind}</td>
            <td>{r.Name}</td>
            <td>
              <Link to={`/runs/${encodeURIComponent(r.RunId)}`} className="mono">
                {r.RunId.length > 22 ? `${r.RunId.slice(0, 21)}…` : r.RunId}
              </Link>
            </td>
            <td>{time(r.StartedOn)}</td>
            <td>{duration(r.DurationSeconds)}</td>
            <td className="small error-text">{r.ErrorMessage}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
