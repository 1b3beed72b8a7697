// A table's schema versions (GetTableVersions), two of them side by side: columns added, removed and
// retyped between them are marked on both sides.
import { useState } from 'react';
import { useApi } from '../hooks/use-api';
import { Failure, Loading } from '../components/panel';
import { time } from '../format';

interface Col {
  Name: string;
  Type?: string;
}

const columnsOf = (t: any): Col[] => [...(t.StorageDescriptor?.Columns ?? []), ...(t.PartitionKeys ?? [])];

function Side({ cols, other, title }: { cols: Col[]; other: Col[]; title: string }) {
  const byName = new Map(other.map((c) => [c.Name.toLowerCase(), c]));
  return (
    <div className="diff-side">
      <h3>{title}</h3>
      <table className="data">
        <tbody>
          {cols.map((c) => {
            const o = byName.get(c.Name.toLowerCase());
            const mark = !o ? 'only' : (o.Type ?? '').toLowerCase() !== (c.Type ?? '').toLowerCase() ? 'changed' : '';
            return (
              <tr key={c.Name} className={mark ? `diff-${mark}` : ''} data-diff={mark || 'same'}>
                <td>{c.Name}</td>
                <td className="mono">{c.Type}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function SchemaVersions({ database, name }: { database: string; name: string }) {
  const versions = useApi('GetTableVersions', { DatabaseName: database, TableName: name, MaxResults: 100 }, 10000);
  const [left, setLeft] = useState<string>();
  const [right, setRight] = useState<string>();
  if (versions.error) return <Failure error={versions.error} />;
  if (!versions.data) return <Loading />;
  const list = [...versions.data.TableVersions].sort((a: any, b: any) => Number(b.VersionId) - Number(a.VersionId));
  if (list.length < 2) return <p className="muted">One version so far (version {list[0]?.VersionId ?? '0'}): nothing to compare yet.</p>;
  const r = list.find((v: any) => v.VersionId === right) ?? list[0];
  const l = list.find((v: any) => v.VersionId === left) ?? list[1];
  const pick = (value: string, set: (v: string) => void, label: string) => (
    <label>
      {label}
      <select value={value} onChange={(e) => set(e.target.value)} name={label}>
        {list.map((v: any) => (
          <option key={v.VersionId} value={v.VersionId}>
            version {v.VersionId} · {time(v.Table.UpdateTime ?? v.Table.CreateTime)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div data-testid="schema-diff">
      <div className="filters">
        {pick(l.VersionId, setLeft, 'from')}
        {pick(r.VersionId, setRight, 'to')}
      </div>
      <div className="diff">
        <Side cols={columnsOf(l.Table)} other={columnsOf(r.Table)} title={`version ${l.VersionId}`} />
        <Side cols={columnsOf(r.Table)} other={columnsOf(l.Table)} title={`version ${r.VersionId}`} />
      </div>
    </div>
  );
}
