// One quality result: its score, each rule's outcome with Glue's message, and on request the rows
// that fail its rules (evaluated again on the table as it is now).
import { useState } from 'react';
import { call, type ApiError } from '../api/client';
import { useApi } from '../hooks/use-api';
import { Failure, Loading } from '../components/panel';
import { StateBadge } from '../components/state-badge';
import { DataTable } from '../components/data-table';
import { num, time } from '../format';

export function QualityResult({ resultId }: { resultId: string }) {
  const result = useApi('GetDataQualityResult', { ResultId: resultId });
  const [rows, setRows] = useState<any>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  if (result.error) return <Failure error={result.error} />;
  if (!result.data) return <Loading />;
  const r = result.data;
  const rules = r.RuleResults ?? [];
  const failing = async () => {
    setLoading(true);
    setError(undefined);
    try {
      setRows(await call('GetDataQualityFailingRows', { ResultId: resultId, MaxRows: 50 }));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
    }
  };
  return (
    <div data-testid="quality-result">
      <p>
        Score <b className="score">{(r.Score ?? 0).toFixed(2)}</b> · {rules.filter((x: any) => x.Result === 'PASS').length} of{' '}
        {rules.length} rules passed · {r.RulesetName ?? ''} · {time(r.StartedOn)}
      </p>
      <table className="data" data-testid="rule-outcomes">
        <thead>
          <tr>
            <th>outcome</th>
            <th>rule</th>
            <th>message</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((x: any) => (
            <tr key={x.Name}>
              <td>
                <StateBadge state={x.Result} />
              </td>
              <td className="mono small">{x.Description}</td>
              <td className="small">{x.EvaluationMessage}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.DataSource?.GlueTable ? (
        <div className="toolbar">
          <button onClick={() => void failing()} disabled={loading} data-testid="show-failing-rows">
            {loading ? 'Evaluating…' : 'Show failing rows'}
          </button>
        </div>
      ) : (
        <p className="small muted">
          This result judged a job's data in flight{r.JobName ? ` (job ${r.JobName})` : ''}: the rows that failed are in the job's
          quarantine table.
        </p>
      )}
      {error && <Failure error={error} />}
      {rows && (
        <>
          <p className="small muted">
            {num(rows.RowsFailed)} of {num(rows.RowsEvaluated)} rows of {rows.Table} fail a rule today (evaluated {time(rows.EvaluatedOn)})
            {rows.Truncated ? '; the first 50 are shown' : ''}.
          </p>
          <DataTable columns={rows.Columns} rows={rows.Rows} testId="failing-rows" />
        </>
      )}
    </div>
  );
}
