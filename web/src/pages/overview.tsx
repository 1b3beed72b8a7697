// Overview: what ran today and how it went, what is failing, which alarms are up, how the data's
// quality is trending and what today's runs would have cost on AWS Glue.
import { useApi } from '../hooks/use-api';
import { Link } from '../router';
import { Empty, Failure, Loading, Panel, Stat } from '../components/panel';
import { StateBadge } from '../components/state-badge';
import { LineChart, seriesColor, type Series } from '../components/line-chart';
import { ago, money, pct } from '../format';
import { RunsTable, type RunSummary } from './runs-table';

const startOfToday = () => {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString();
};

export function Overview() {
  const overview = useApi('GetMonitoringOverview', { Since: startOfToday() }, 3000);
  const runs = useApi<{ Runs: RunSummary[] }>('ListRuns', { MaxResults: 8 }, 3000);
  const scores = useApi<{ Points: { Subject: string; At: string; Value: number }[] }>(
    'GetMetricHistory',
    { Series: 'quality.score', MaxPoints: 500 },
    10000,
  );
  const alarms = useApi('ListAlarms', {}, 30000);
  const threshold: number | undefined = alarms.data?.Alarms.find((a: any) => a.Rule === 'quality-score')?.Settings?.minScore;
  const o = overview.data;
  if (overview.error && !o) return <Failure error={overview.error} />;
  if (!o) return <Loading />;
  const series: Series[] = [...new Set((scores.data?.Points ?? []).map((p) => p.Subject))].map((name) => ({
    name,
    points: scores.data!.Points.filter((p) => p.Subject === name).map((p) => ({ at: p.At, value: p.Value })),
  }));
  return (
    <div className="page">
      <h1>Overview</h1>
      <div className="stats">
        <Stat label="runs today" value={o.RunsToday} testId="stat-runs" />
        <Stat
          label="success rate"
          value={pct(o.SuccessRate)}
          tone={o.SuccessRate === undefined ? 'neutral' : o.SuccessRate < 1 ? 'bad' : 'good'}
          testId="stat-success"
        />
        <Stat label="running now" value={o.RunningNow} />
        <Stat label="failing" value={o.FailingJobs.length} tone={o.FailingJobs.length ? 'bad' : 'good'} testId="stat-failing" />
        <Stat label="active alarms" value={o.ActiveAlarms.length} tone={o.ActiveAlarms.length ? 'bad' : 'good'} testId="stat-alarms" />
        <Stat label={`est. cost today on AWS Glue`} value={money(o.EstimatedCostToday, o.Currency)} testId="stat-cost" />
      </div>
      <div className="grid-2">
        <Panel title="Failing" testId="failing">
          {o.FailingJobs.length ? (
            <ul className="list">
              {o.FailingJobs.map((f: any) => (
                <li key={`${f.Kind}:${f.Name}`}>
                  <StateBadge state={f.State} /> <Link to={`/runs/${encodeURIComponent(f.RunId)}`}>{f.Name}</Link>{' '}
                  <span className="muted">
                    {f.Kind} · {ago(f.At)}
                  </span>
                  {f.ErrorMessage && <div className="small error-text">{f.ErrorMessage}</div>}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Every job, crawler and workflow's latest run went well.</Empty>
          )}
        </Panel>
        <Panel title="Active alarms" actions={<Link to="/alarms">all alarms</Link>} testId="active-alarms">
          {o.ActiveAlarms.length ? (
            <ul className="list">
              {o.ActiveAlarms.map((a: any) => (
                <li key={`${a.AlarmName}:${a.Subject}`}>
                  <StateBadge state="ALARM" label={a.Severity ?? 'ALARM'} /> <b>{a.AlarmName}</b> {a.Subject}{' '}
                  <span className="muted">since {ago(a.Since)}</span>
                  <div className="small">{a.Reason}</div>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No alarm is firing.</Empty>
          )}
        </Panel>
      </div>
      <Panel title="Quality scores" actions={<Link to="/quality">quality</Link>} testId="quality-scores">
        {o.QualityScores.length ? (
          <div className="chips">
            {o.QualityScores.map((q: any) => (
              // The swatch is the series' colour in the chart below; only a score under the alarm's
              // threshold is red, as every failure on the page is.
              <span key={`${q.Table}/${q.Ruleset}`} className="chip" data-testid="quality-chip">
                <i
                  className="swatch"
                  style={{ background: seriesColor(series.findIndex((s) => s.name === (q.Ruleset ? `${q.Table}/${q.Ruleset}` : q.Table))) }}
                />
                {q.Table}
                {q.Ruleset ? ` (${q.Ruleset})` : ''}{' '}
                <b className={q.Score < (threshold ?? 0.9) ? 'bad-text' : undefined}>{q.Score.toFixed(2)}</b>
              </span>
            ))}
          </div>
        ) : (
          <Empty>No quality results yet.</Empty>
        )}
        {series.length > 0 && <LineChart series={series} yMin={0} yMax={1} format={(v) => v.toFixed(2)} testId="overview-quality-chart" />}
      </Panel>
      <Panel title="Latest runs" actions={<Link to="/runs">all runs</Link>}>
        {runs.data ? <RunsTable runs={runs.data.Runs} /> : <Loading />}
      </Panel>
      <p className="muted small">
        Today counts runs started since {new Date(o.Since).toLocaleString()}; this page follows them as they happen.
      </p>
    </div>
  );
}
