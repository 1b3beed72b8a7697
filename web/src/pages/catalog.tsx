// Catalog: databases and their tables, and the SQL box over them.
import { useApi } from '../hooks/use-api';
import { Link, useLocation } from '../router';
import { Empty, Failure, Loading, Panel } from '../components/panel';
import { time } from '../format';
import { SqlBox } from './sql-box';

export function Catalog() {
  const { query } = useLocation();
  const dbs = useApi<{ DatabaseList: { Name: string; Description?: string }[] }>('GetDatabases', {}, 10000);
  const selected = query.get('database') ?? dbs.data?.DatabaseList[0]?.Name;
  const tables = useApi<{ TableList: any[] }>(selected ? 'GetTables' : undefined, { DatabaseName: selected }, 10000);
  if (dbs.error && !dbs.data) return <Failure error={dbs.error} />;
  if (!dbs.data) return <Loading />;
  const first = tables.data?.TableList[0];
  return (
    <div className="page">
      <h1>Catalog</h1>
      <div className="grid-side">
        <Panel title="Databases" testId="databases">
          {dbs.data.DatabaseList.length ? (
            <ul className="nav-list">
              {dbs.data.DatabaseList.map((d) => (
                <li key={d.Name} className={d.Name === selected ? 'active' : ''}>
                  <Link to={`/catalog?database=${encodeURIComponent(d.Name)}`}>{d.Name}</Link>
                </li>
              ))}
            </ul>
          ) : (
            <Empty>No databases. Crawl a zone (sluice crawler) or run sluice demo.</Empty>
          )}
        </Panel>
        <Panel title={selected ? `Tables in ${selected}` : 'Tables'} testId="tables">
          {tables.error ? (
            <Failure error={tables.error} />
          ) : !tables.data ? (
            selected ? (
              <Loading />
            ) : null
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th>table</th>
                  <th>format</th>
                  <th>columns</th>
                  <th>partition keys</th>
                  <th>updated</th>
                </tr>
              </thead>
              <tbody>
                {tables.data.TableList.map((t) => (
                  <tr key={t.Name}>
                    <td>
                      <Link to={`/catalog/${encodeURIComponent(selected!)}/${encodeURIComponent(t.Name)}`}>{t.Name}</Link>
                    </td>
                    <td>{t.Parameters?.classification ?? ''}</td>
                    <td>{t.StorageDescriptor?.Columns?.length ?? 0}</td>
                    <td>{(t.PartitionKeys ?? []).map((k: any) => k.Name).join(', ')}</td>
                    <td>{time(t.UpdateTime ?? t.CreateTime)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
      <Panel title="SQL">
        <SqlBox
          key={`${selected}.${first?.Name ?? ''}`}
          initial={first ? `SELECT * FROM ${selected}.${first.Name} LIMIT 20` : 'SELECT 42 AS answer'}
        />
      </Panel>
    </div>
  );
}
