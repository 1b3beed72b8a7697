// One catalog table: columns with types and PII tags, partitions, schema versions side by side,
// sample rows, and the SQL box.
import { useApi } from '../hooks/use-api';
import { Link } from '../router';
import { Empty, Failure, Loading, Panel } from '../components/panel';
import { DataTable } from '../components/data-table';
import { time } from '../format';
import { SqlBox } from './sql-box';
import { SchemaVersions } from './schema-versions';

const ident = (s: string) => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);

function SampleRows({ sql }: { sql: string }) {
  const rows = useApi('RunCatalogQuery', { Sql: sql, MaxRows: 20 });
  if (rows.error) return <Failure error={rows.error} />;
  if (!rows.data) return <Loading />;
  return rows.data.Rows.length ? (
    <DataTable columns={rows.data.Columns} rows={rows.data.Rows} testId="sample-rows" />
  ) : (
    <Empty>The table has no rows.</Empty>
  );
}

export function TablePage({ database, name }: { database: string; name: string }) {
  const table = useApi('GetTable', { DatabaseName: database, Name: name }, 10000);
  const partitions = useApi('GetPartitions', { DatabaseName: database, TableName: name, MaxResults: 100 }, 10000);
  if (table.error && !table.data) return <Failure error={table.error} />;
  if (!table.data) return <Loading />;
  const t = table.data.Table;
  const columns = [
    ...(t.StorageDescriptor?.Columns ?? []).map((c: any) => ({ ...c, partition: false })),
    ...(t.PartitionKeys ?? []).map((c: any) => ({ ...c, partition: true })),
  ];
  const sql = `SELECT * FROM ${ident(database)}.${ident(name)} LIMIT 20`;
  return (
    <div className="page">
      <p className="crumbs">
        <Link to="/catalog">Catalog</Link> / <Link to={`/catalog?database=${encodeURIComponent(database)}`}>{database}</Link> / {name}
      </p>
      <h1>
        {database}.{name}
      </h1>
      <p className="muted small">
        {t.Parameters?.classification ?? t.TableType ?? ''} · {t.StorageDescriptor?.Location} · version {t.VersionId ?? '0'} · updated{' '}
        {time(t.UpdateTime ?? t.CreateTime)}
      </p>
      <Panel title="Schema">
        <table className="data" data-testid="table-schema">
          <thead>
            <tr>
              <th>column</th>
              <th>type</th>
              <th>PII</th>
              <th>comment</th>
            </tr>
          </thead>
          <tbody>
            {columns.map((c) => (
              <tr key={`${c.partition}:${c.Name}`} data-column={c.Name}>
                <td>
                  <b>{c.Name}</b> {c.partition && <span className="tag">partition</span>}
                </td>
                <td className="mono">{c.Type}</td>
                <td>
                  {c.Parameters?.['sluice.pii'] ? (
                    <span
                      className="tag tag-pii"
                      title={`${Math.round(Number(c.Parameters['sluice.pii.share'] ?? 1) * 100)} % of sampled values`}
                    >
                      {c.Parameters['sluice.pii']}
                    </span>
                  ) : (
                    ''
                  )}
                </td>
                <td className="small">{c.Comment}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel title={`Partitions${partitions.data ? ` (${partitions.data.Partitions.length}${partitions.data.NextToken ? '+' : ''})` : ''}`}>
        {partitions.error ? (
          <Failure error={partitions.error} />
        ) : !partitions.data ? (
          <Loading />
        ) : partitions.data.Partitions.length ? (
          <table className="data" data-testid="partitions">
            <thead>
              <tr>
                {(t.PartitionKeys ?? []).map((k: any) => (
                  <th key={k.Name}>{k.Name}</th>
                ))}
                <th>location</th>
                <th>created</th>
              </tr>
            </thead>
            <tbody>
              {partitions.data.Partitions.map((p: any) => (
                <tr key={JSON.stringify(p.Values)}>
                  {p.Values.map((v: string, i: number) => (
                    <td key={i}>{v}</td>
                  ))}
                  <td className="small mono">{p.StorageDescriptor?.Location}</td>
                  <td>{time(p.CreationTime)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>Not partitioned, or no partitions yet.</Empty>
        )}
      </Panel>
      <Panel title="Schema versions">
        <SchemaVersions database={database} name={name} />
      </Panel>
      <Panel title="Sample rows">
        <SampleRows sql={sql} />
      </Panel>
      <Panel title="SQL">
        <SqlBox initial={sql} />
      </Panel>
    </div>
  );
}
