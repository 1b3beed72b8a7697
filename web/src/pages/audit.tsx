// The audit trail (ListAuditRecords): every mutating and every refused call of the caller's account,
// newest first, filtered by principal, operation and outcome, with the hash chain's verification
// (`sluice audit --verify`) and its head hash to keep elsewhere.
import { useState } from 'react';
import { useApi } from '../hooks/use-api';
import { Empty, Failure, Loading, Panel } from '../components/panel';
import { time } from '../format';

export function Audit() {
  const [principal, setPrincipal] = useState('');
  const [operation, setOperation] = useState('');
  const [outcome, setOutcome] = useState('');
  const input = {
    Principal: principal || undefined,
    Operation: operation || undefined,
    Outcome: outcome || undefined,
    MaxResults: 200,
    Verify: true,
  };
  const audit = useApi('ListAuditRecords', input, 5000);
  const v = audit.data?.Verification;
  return (
    <div className="page">
      <h1>Audit</h1>
      <Panel title="Chain" testId="audit-chain">
        {!v ? (
          <Loading />
        ) : v.Ok ? (
          <p>
            Intact: {v.Records} records, head {v.HeadSeq ?? '—'} <code className="small">{v.HeadHash ?? ''}</code>
          </p>
        ) : (
          <ul className="list compact">
            {v.Problems.map((p: string) => (
              <li key={p} className="bad">
                {p}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel
        title="Records"
        testId="audit-records"
        actions={
          <span className="small">
            <input placeholder="principal" value={principal} onChange={(e) => setPrincipal(e.target.value)} name="principal" />{' '}
            <input placeholder="operation" value={operation} onChange={(e) => setOperation(e.target.value)} name="operation" />{' '}
            <select value={outcome} onChange={(e) => setOutcome(e.target.value)} name="outcome">
              <option value="">any outcome</option>
              <option>Allowed</option>
              <option>Denied</option>
              <option>Failed</option>
            </select>
          </span>
        }
      >
        {audit.error && !audit.data ? (
          <Failure error={audit.error} />
        ) : !audit.data ? (
          <Loading />
        ) : !audit.data.Records.length ? (
          <Empty>No records match.</Empty>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>#</th>
                <th>at</th>
                <th>principal</th>
                <th>source</th>
                <th>operation</th>
                <th>resources</th>
                <th>outcome</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.Records.map((r: any) => (
                <tr key={r.Seq} data-outcome={r.Outcome}>
                  <td>{r.Seq}</td>
                  <td>{time(r.Time)}</td>
                  <td className="small">
                    {r.Principal ?? <span className="muted">unauthenticated</span>}
                    <div className="muted">{r.AccessKey}</div>
                  </td>
                  <td className="small">{r.SourceIp}</td>
                  <td>{r.Operation}</td>
                  <td className="small">{(r.Resources ?? []).join(', ')}</td>
                  <td>
                    {r.Outcome}
                    {r.ErrorType && (
                      <div className="small muted" title={r.ErrorMessage}>
                        {r.ErrorType}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
