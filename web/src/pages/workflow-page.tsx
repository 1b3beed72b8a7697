// One workflow: its graph with each node's last state, live; start, stop and resume; its runs.
import { useState } from 'react';
import { call, type ApiError } from '../api/client';
import { useApi } from '../hooks/use-api';
import { Link } from '../router';
import { Failure, Loading, Panel } from '../components/panel';
import { StateBadge } from '../components/state-badge';
import { Dag, type DagNode } from '../components/dag';
import { duration, time, toDate } from '../format';

const FAILED = new Set(['FAILED', 'TIMEOUT', 'ERROR', 'STOPPED', 'CANCELLED', 'EXPIRED']);

/** The state of a graph node in a run: its newest job run or crawl; a trigger's own state. */
function nodeState(n: any): string | undefined {
  const newest = (xs: any[] | undefined, at: string) =>
    [...(xs ?? [])].sort((a, b) => (toDate(b[at])?.getTime() ?? 0) - (toDate(a[at])?.getTime() ?? 0))[0];
  if (n.Type === 'JOB') return newest(n.JobDetails?.JobRuns, 'StartedOn')?.JobRunState;
  if (n.Type === 'CRAWLER') return newest(n.CrawlerDetails?.Crawls, 'StartedOn')?.State;
  return n.TriggerDetails?.Trigger?.State;
}

export function WorkflowPage({ name }: { name: string }) {
  const wf = useApi('GetWorkflow', { Name: name, IncludeGraph: true }, 1500);
  const runs = useApi('GetWorkflowRuns', { Name: name, MaxResults: 10 }, 3000);
  // GetWorkflow's LastRun carries no graph; the run's own graph has each node's job runs and crawls.
  const lastId: string | undefined = wf.data?.Workflow?.LastRun?.WorkflowRunId;
  const lastRun = useApi(lastId ? 'GetWorkflowRun' : undefined, { Name: name, RunId: lastId, IncludeGraph: true }, 1500);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError>();
  const [message, setMessage] = useState<string>();
  if (wf.error && !wf.data) return <Failure error={wf.error} what="Workflows" />;
  if (!wf.data) return <Loading />;
  const w = wf.data.Workflow;
  // The run as GetWorkflowRun last saw it, once it is about the same run as GetWorkflow's LastRun.
  const last = lastRun.data?.Run?.WorkflowRunId === w.LastRun?.WorkflowRunId ? { ...w.LastRun, ...lastRun.data.Run } : w.LastRun;
  const graph = last?.Graph?.Nodes?.length ? last.Graph : w.Graph;
  const nodes: DagNode[] = (graph?.Nodes ?? []).map((n: any) => {
    const state = n.Type === 'TRIGGER' ? undefined : last ? nodeState(n) : undefined;
    const trigger = n.Type === 'TRIGGER';
    return {
      id: n.UniqueId,
      label: n.Name,
      kind: trigger ? undefined : n.Type.toLowerCase(),
      state,
      compact: trigger,
      sub: trigger ? (n.TriggerDetails?.Trigger?.Type ?? 'trigger').toLowerCase().replace('_', '-') : (state ?? 'not run'),
    };
  });
  const edges = (graph?.Edges ?? []).map((e: any) => ({ from: e.SourceId, to: e.DestinationId }));
  const failedNodes = (last?.Graph?.Nodes ?? [])
    .filter((n: any) => n.Type !== 'TRIGGER' && FAILED.has(nodeState(n) ?? ''))
    .map((n: any) => n.UniqueId);

  const act = async (what: string, fn: () => Promise<any>) => {
    setBusy(true);
    setActionError(undefined);
    try {
      const out = await fn();
      setMessage(`${what}${out?.RunId ? `: run ${out.RunId}` : ''}`);
      wf.refresh();
      runs.refresh();
      lastRun.refresh();
    } catch (e) {
      setActionError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page">
      <p className="crumbs">
        <Link to="/workflows">Workflows</Link> / {name}
      </p>
      <h1 data-run={last?.WorkflowRunId} data-status={last?.Status}>
        {name} {last && <StateBadge state={last.Status} />}
      </h1>
      {w.Description && <p className="muted">{w.Description}</p>}
      <div className="toolbar">
        <button data-testid="start-workflow" disabled={busy} onClick={() => act('Started', () => call('StartWorkflowRun', { Name: name }))}>
          Start run
        </button>
        <button
          data-testid="stop-workflow"
          disabled={busy || last?.Status !== 'RUNNING'}
          onClick={() => act('Stopping', () => call('StopWorkflowRun', { Name: name, RunId: last.WorkflowRunId }))}
        >
          Stop
        </button>
        <button
          data-testid="resume-workflow"
          disabled={busy || !last || last.Status === 'RUNNING' || !failedNodes.length}
          title={
            failedNodes.length
              ? `Runs the ${failedNodes.length} failed node(s) and what follows them again`
              : 'Nothing failed in the last run'
          }
          onClick={() => act('Resumed', () => call('ResumeWorkflowRun', { Name: name, RunId: last.WorkflowRunId, NodeIds: failedNodes }))}
        >
          Resume failed nodes
        </button>
        {message && (
          <span className="small muted" data-testid="workflow-message">
            {message}
          </span>
        )}
      </div>
      {actionError && <Failure error={actionError} />}
      <Panel title={last ? `Graph of run ${last.WorkflowRunId}` : 'Graph'}>
        <Dag nodes={nodes} edges={edges} testId="workflow-graph" />
      </Panel>
      <Panel title="Runs">
        {runs.error && !runs.data ? (
          <Failure error={runs.error} />
        ) : !runs.data ? (
          <Loading />
        ) : (
          <table className="data" data-testid="workflow-runs">
            <thead>
              <tr>
                <th>status</th>
                <th>run</th>
                <th>started</th>
                <th>duration</th>
                <th>actions</th>
              </tr>
            </thead>
            <tbody>
              {(runs.data.Runs ?? []).map((r: any) => (
                <tr key={r.WorkflowRunId} data-run={r.WorkflowRunId} data-status={r.Status}>
                  <td>
                    <StateBadge state={r.Status} />
                  </td>
                  <td>
                    <Link to={`/runs/${encodeURIComponent(r.WorkflowRunId)}`} className="mono">
                      {r.WorkflowRunId}
                    </Link>
                  </td>
                  <td>{time(r.StartedOn)}</td>
                  <td>
                    {duration(((toDate(r.CompletedOn)?.getTime() ?? Date.now()) - (toDate(r.StartedOn)?.getTime() ?? Date.now())) / 1000)}
                  </td>
                  <td className="small">
                    {r.Statistics
                      ? `${r.Statistics.SucceededActions ?? 0} ok · ${r.Statistics.FailedActions ?? 0} failed · ${r.Statistics.RunningActions ?? 0} running`
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
