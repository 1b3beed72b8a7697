// Workflows: the list with each one's last run. Workflows are Glue operations (ListWorkflows,
// GetWorkflow); on a server without them the page says so instead of failing.
import { useApi, useLoader } from '../hooks/use-api';
import { callAll } from '../api/client';
import { Link } from '../router';
import { Empty, Failure, Loading, Panel } from '../components/panel';
import { StateBadge } from '../components/state-badge';
import { time } from '../format';

function WorkflowRow({ name }: { name: string }) {
  const wf = useApi('GetWorkflow', { Name: name, IncludeGraph: false }, 3000);
  const last = wf.data?.Workflow?.LastRun;
  return (
    <tr>
      <td>
        <Link to={`/workflows/${encodeURIComponent(name)}`}>{name}</Link>
      </td>
      <td>{last ? <StateBadge state={last.Status} /> : <span className="muted">never run</span>}</td>
      <td>{last ? time(last.StartedOn) : ''}</td>
      <td className="small">
        {last?.Statistics
          ? `${last.Statistics.SucceededActions ?? 0} succeeded, ${last.Statistics.FailedActions ?? 0} failed of ${last.Statistics.TotalActions ?? 0}`
          : ''}
      </td>
    </tr>
  );
}

export function Workflows() {
  const list = useLoader(
    'ListWorkflows',
    async () => ({ Workflows: await callAll<string>('ListWorkflows', { MaxResults: 25 }, 'Workflows') }),
    5000,
  );
  return (
    <div className="page">
      <h1>Workflows</h1>
      <Panel>
        {list.error && !list.data ? (
          <Failure error={list.error} what="Workflows" />
        ) : !list.data ? (
          <Loading />
        ) : !list.data.Workflows?.length ? (
          <Empty>No workflows yet. Declare one in sluice.yaml and run sluice apply, or call CreateWorkflow.</Empty>
        ) : (
          <table className="data" data-testid="workflows-table">
            <thead>
              <tr>
                <th>workflow</th>
                <th>last run</th>
                <th>started</th>
                <th>actions</th>
              </tr>
            </thead>
            <tbody>
              {list.data.Workflows.map((w) => (
                <WorkflowRow key={w} name={w} />
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
