// Quality: scores over time per table and ruleset (from the metric history), the latest results, and
// for a chosen result its rule outcomes and the rows that fail them.
import { useApi } from '../hooks/use-api';
import { Link, useLocation } from '../router';
import { Empty, Failure, Loading, Panel } from '../components/panel';
import { LineChart, type Series } from '../components/line-chart';
import { time } from '../format';
import { QualityResult } from './quality-result';

export function Quality() {
  const { query } = useLocation();
  const history = useApi<{ Points: { Subject: string; At: string; Value: number }[] }>(
    'GetMetricHistory',
    { Series: 'quality.score', MaxPoints: 2000 },
    5000,
  );
  const results = useApi('ListDataQualityResults', { MaxResults: 25 }, 5000);
  const alarms = useApi('ListAlarms', {}, 30000);
  const threshold = alarms.data?.Alarms.find((a: any) => a.Rule === 'quality-score')?.Settings?.minScore;
  const points = history.data?.Points ?? [];
  const series: Series[] = [...new Set(points.map((p) => p.Subject))].map((name) => ({
    name,
    points: points.filter((p) => p.Subject === name).map((p) => ({ at: p.At, value: p.Value })),
  }));
  // The list's own answers have no score or ruleset (Glue's ListDataQualityResults); the results do.
  const ids: string[] = (results.data?.Results ?? []).map((r: any) => r.ResultId);
  const details = useApi(ids.length ? 'BatchGetDataQualityResult' : undefined, { ResultIds: ids }, 5000);
  const detail = new Map<string, any>((details.data?.Results ?? []).map((r: any) => [r.ResultId, r]));
  const chosen = query.get('result') ?? results.data?.Results?.[0]?.ResultId;
  return (
    <div className="page">
      <h1>Data quality</h1>
      <Panel title="Scores over time" testId="quality-chart-panel">
        {history.error && !history.data ? (
          <Failure error={history.error} />
        ) : !history.data ? (
          <Loading />
        ) : (
          <LineChart series={series} yMin={0} yMax={1} threshold={threshold} format={(v) => v.toFixed(2)} testId="quality-chart" />
        )}
        {threshold !== undefined && <p className="small muted">The dashed line is the quality-score alarm's threshold ({threshold}).</p>}
      </Panel>
      <div className="grid-side">
        <Panel title="Results">
          {results.error && !results.data ? (
            <Failure error={results.error} what="Data quality results" />
          ) : !results.data ? (
            <Loading />
          ) : !results.data.Results.length ? (
            <Empty>No quality results yet. Evaluate a ruleset (sluice dq evaluate) or run a job with EvaluateDataQuality.</Empty>
          ) : (
            <ul className="nav-list" data-testid="quality-results">
              {results.data.Results.map((r: any) => (
                <li key={r.ResultId} className={r.ResultId === chosen ? 'active' : ''}>
                  <Link to={`/quality?result=${encodeURIComponent(r.ResultId)}`}>
                    {r.DataSource?.GlueTable
                      ? `${r.DataSource.GlueTable.DatabaseName}.${r.DataSource.GlueTable.TableName}`
                      : (r.JobName ?? r.ResultId)}
                  </Link>
                  <div className="small muted" data-testid="quality-result-meta">
                    {detail.get(r.ResultId)?.Score !== undefined && <b>score {Number(detail.get(r.ResultId).Score).toFixed(2)}</b>}{' '}
                    {detail.get(r.ResultId)?.RulesetName ?? r.JobName ?? ''} · {time(r.StartedOn)}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <Panel title="Result">{chosen ? <QualityResult resultId={chosen} /> : <Empty>Choose a result.</Empty>}</Panel>
      </div>
    </div>
  );
}
