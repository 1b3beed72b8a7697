// Rows from a query (sample rows, the SQL box, failing rows) as a table; nested values as JSON.
export interface Column {
  Name: string;
  Type?: string;
}

const cell = (v: unknown) =>
  v === null || v === undefined ? <span className="null">NULL</span> : typeof v === 'object' ? JSON.stringify(v) : String(v);

export function DataTable({ columns, rows, testId }: { columns: Column[]; rows: Record<string, unknown>[]; testId?: string }) {
  return (
    <div className="scroll-x">
      <table className="data" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.Name} title={c.Type}>
                {c.Name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.Name}>{cell(r[c.Name])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
