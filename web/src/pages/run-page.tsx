// One run: its state timeline, metrics, cost on Glue, lineage (what it read and wrote, drawn),
// quality results, the alarms it moved, and its log, followed live until the run ends.
import { useApi } from '../hooks/use-api';
import { Link } from '../router';
import { Failure, Loading, Panel } from '../components/panel';
import { StateBadge } from '../components/state-badge';
import { Timeline } from '../components/timeline';
import { Dag, type DagEdge, type DagNode } from '../components/dag';
import { bytes, duration, money, num, time } from '../format';
import { LogViewer } from './log-viewer';

function Metrics({ metrics }: { metrics?: Record<string, unknown> }) {
  const entries = Object.entries(metrics ?? {}).filter(([, v]) => v !== undefined && v !== null && typeof v !== 'object');
  if (!entries.length) return <p className="muted">No metrics recorded.</p>;
  const show = (k: string, v: unknown) =>
    typeof v !== 'number' ? String(v) : /bytes/i.test(k) ? bytes(v) : /durationMs/.test(k) ? duration(v / 1000) : num(v);
  return (
    <dl className="metrics" data-testid="run-metrics">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{show(k, v)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Lineage({
  run,
  lineage,
}: {
  run: { RunId: string; Name: string; Kind: string; State: string };
  lineage: { Inputs: { Kind: string; Name: string }[]; Outputs: { Kind: string; Name: string }[] };
}) {
  if (!lineage.Inputs.length && !lineage.Outputs.length) return <p className="muted">This run recorded no lineage.</p>;
  const nodes: DagNode[] = [
    ...lineage.Inputs.map((i, n) => ({
      id: `in${n}`,
      label: i.Name.split('/').filter(Boolean).slice(-2).join('/') || i.Name,
      kind: i.Kind,
    })),
    { id: 'run', label: run.Name, kind: run.Kind, state: run.State },
    ...lineage.Outputs.map((o, n) => ({ id: `out${n}`, label: o.Name, kind: o.Kind })),
  ];
  const edges: DagEdge[] = [
    ...lineage.Inputs.map((_, n) => ({ from: `in${n}`, to: 'run' })),
    ...lineage.Outputs.map((_, n) => ({ from: 'run', to: `out${n}` })),
  ];
  return <Dag nodes={nodes} edges={edges} testId="lineage" />;
}

export function RunPage({ runId }: { runId: string }) {
  const detail = useApi('GetRun', { RunId: runId }, 2000);
  const d = detail.data;
  if (detail.error && !d) return <Failure error={detail.error} />;
  if (!d) return <Loading />;
  const r = d.Run;
  // Alarms finding their feet (no data → OK) are not news on a run's page.
  const notable = d.AlarmTransitions.filter((a: any) => a.From === 'ALARM' || a.To === 'ALARM');
  return (
    <div className="page">
      <p className="crumbs">
        <Link to="/runs">Runs</Link> / {r.Kind} / {r.Name}
      </p>
      <h1>
        {r.Name} <StateBadge state={r.Failed && r.State === 'COMPLETED' ? 'FAILED' : r.State} label={r.State} />
      </h1>
      <p className="muted mono" data-testid="run-id">
        {r.RunId} · {r.Kind} · started {time(r.StartedOn)} · {duration(r.DurationSeconds)}
        {r.Attempt ? ` · attempt ${r.Attempt}` : ''}
      </p>
      {r.ErrorMessage && <p className="error">{r.ErrorMessage}</p>}
      <div className="grid-2">
        <Panel title="State timeline">
          <Timeline entries={d.Timeline} end={r.CompletedOn} />
        </Panel>
        <Panel title="Metrics">
          <Metrics metrics={d.Metrics} />
          {d.Cost && (
            <p className="small" data-testid="run-cost">
              Would have cost <b>{money(d.Cost.Amount, d.Cost.Currency)}</b> on AWS Glue ({d.Cost.Dpus} DPU × billed time ={' '}
              {Math.round(d.Cost.DpuSeconds)} DPU-seconds).
            </p>
          )}
        </Panel>
      </div>
      <Panel title="Lineage">
        <Lineage run={r} lineage={d.Lineage} />
      </Panel>
      {(d.QualityResults.length > 0 || notable.length > 0) && (
        <div className="grid-2">
          {d.QualityResults.length > 0 && (
            <Panel title="Quality results">
              <ul className="list">
                {d.QualityResults.map((q: any) => (
                  <li key={q.ResultId}>
                    <Link to={`/quality?result=${encodeURIComponent(q.ResultId)}`}>{q.Table}</Link> {q.Ruleset} score{' '}
                    <b>{q.Score.toFixed(2)}</b>
                  </li>
                ))}
              </ul>
            </Panel>
          )}
          {notable.length > 0 && (
            <Panel title="Alarms this run moved">
              <ul className="list">
                {notable.map((a: any, i: number) => (
                  <li key={i}>
                    <StateBadge state={a.To} /> <b>{a.Alarm}</b> {a.Subject}: {a.From} → {a.To}
                    <div className="small">{a.Reason}</div>
                  </li>
                ))}
              </ul>
            </Panel>
          )}
        </div>
      )}
      <Panel title="Log">
        <LogViewer runId={runId} ended={r.Ended} />
      </Panel>
    </div>
  );
}
