// The SQL box: SQL over catalog tables, run on the server exactly as `sluice query` runs it
// (RunCatalogQuery: sandboxed DuckDB, only catalog tables reachable).
import { useState } from 'react';
import { call, type ApiError } from '../api/client';
import { Failure } from '../components/panel';
import { DataTable, type Column } from '../components/data-table';

interface Result {
  Columns: Column[];
  Rows: Record<string, unknown>[];
  Truncated: boolean;
  ElapsedMs: number;
}

export function SqlBox({ initial }: { initial: string }) {
  const [sql, setSql] = useState(initial);
  const [result, setResult] = useState<Result>();
  const [error, setError] = useState<ApiError>();
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    setError(undefined);
    try {
      setResult(await call<Result>('RunCatalogQuery', { Sql: sql, MaxRows: 500 }));
    } catch (e) {
      setResult(undefined);
      setError(e as ApiError);
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="sql-box" data-testid="sql-box">
      <textarea
        value={sql}
        onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void run();
        }}
        rows={5}
        spellCheck={false}
        name="sql"
      />
      <div className="toolbar">
        <button onClick={() => void run()} disabled={running} data-testid="run-sql">
          {running ? 'Running…' : 'Run'}
        </button>
        <span className="muted small">Ctrl+Enter runs · the same SQL as sluice query</span>
        {result && (
          <span className="small" data-testid="sql-summary">
            {result.Rows.length} row{result.Rows.length === 1 ? '' : 's'}
            {result.Truncated ? ' (more left out)' : ''} in {result.ElapsedMs} ms
          </span>
        )}
      </div>
      {error && <Failure error={error} />}
      {result && <DataTable columns={result.Columns} rows={result.Rows} testId="sql-result" />}
    </div>
  );
}
