// Running one statement of a session: its Code is SQL, run on DuckDB over the caller's Data Catalog
// (the sandboxed engine of `sluice query`). A notebook's %%sql cell magic is accepted; Python code
// ends the statement in ERROR, saying that only SQL runs here and what to use instead.
import type { Services } from '../kernel/services.js';
import { SluiceError } from '../kernel/errors.js';
import type { Statement, StatementOutput } from '../kernel/glue-types.js';
import { queryCatalog } from '../catalog/query.js';

/** Rows a statement's output shows at most; the rest are counted, not shown. */
export const MAX_OUTPUT_ROWS = 1000;

const PYTHON_START = /^(import\s+\w|from\s+[\w.]+\s+import\s|print\s*\(|def\s+\w|class\s+\w|@\w|#|\w+(\.\w+)*\s*=[^=]|\w+(\.\w+)+\s*\(|%)/;

export const PYTHON_MESSAGE =
  'Sluice interactive sessions run SQL only: each statement is a query on DuckDB over the Data Catalog ' +
  '(e.g. SELECT * FROM database.table LIMIT 10, or a %%sql cell). This statement looks like Python or a notebook magic. ' +
  'Write it as SQL, or as a job script (.ts/.js with the sluice/job SDK, .sql or .yaml) and run it with StartJobRun.';

/** The SQL of a statement's code, or undefined when the code is not SQL. */
export function sqlOf(code: string): string | undefined {
  const text = code.replace(/^\s*%%sql[^\n]*\n/i, '').trim();
  if (!text || PYTHON_START.test(text)) return undefined;
  return text;
}

/** The output a finished statement shows: its rows as JSON lines, or its error. */
export async function execute(services: Services, code: string, executionCount: number): Promise<StatementOutput> {
  const sql = sqlOf(code);
  if (!sql) return failure(executionCount, 'UnsupportedLanguage', PYTHON_MESSAGE);
  try {
    const result = await queryCatalog(services, sql, { maxRows: MAX_OUTPUT_ROWS });
    const lines = result.rows.map((r) => JSON.stringify(r));
    if (result.truncated) lines.push(`(only the first ${MAX_OUTPUT_ROWS} rows are shown)`);
    return { Data: { TextPlain: lines.join('\n') }, ExecutionCount: executionCount, Status: 'AVAILABLE' };
  } catch (e) {
    const name = e instanceof SluiceError ? e.type : 'Error';
    return failure(executionCount, name, (e as Error).message);
  }
}

function failure(executionCount: number, name: string, message: string): StatementOutput {
  return { ExecutionCount: executionCount, Status: 'ERROR', ErrorName: name, ErrorValue: message, Traceback: [] };
}

/** The statement once its output is in: AVAILABLE with the rows, or ERROR. */
export function finishedStatement(s: Statement, output: StatementOutput, now = Date.now()): Statement {
  return { ...s, State: output.Status === 'ERROR' ? 'ERROR' : 'AVAILABLE', Output: output, Progress: 1, CompletedOn: now };
}
