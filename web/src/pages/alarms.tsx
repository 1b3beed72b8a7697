// Alarms: each alarm in force with every subject's state, the history of transitions, and the
// notifications they sent (with delivery attempts and errors).
import { useState } from 'react';
import { useApi } from '../hooks/use-api';
import { Link, useLocation } from '../router';
import { Empty, Failure, Loading, Panel } from '../components/panel';
import { StateBadge } from '../components/state-badge';
import { ago, time } from '../format';

interface Subject {
  Subject: string;
  State: string;
  Reason: string;
  ChangedOn: string;
}

function SubjectItem({ s }: { s: Subject }) {
  return (
    <li>
      <StateBadge state={s.State} /> {s.Subject} <span className="small muted">since {ago(s.ChangedOn)}</span>
      <div className="small">{s.Reason}</div>
    </li>
  );
}

/** Subjects in ALARM or without data first; the OK ones folded away. */
function Subjects({ subjects }: { subjects: Subject[] }) {
  const ok = subjects.filter((s) => s.State === 'OK');
  const other = subjects.filter((s) => s.State !== 'OK');
  return (
    <>
      <ul className="list compact">
        {other.map((s) => (
          <SubjectItem key={s.Subject} s={s} />
        ))}
      </ul>
      {ok.length > 0 && (
        <details className="subjects-ok" open={!other.length && ok.length <= 3}>
          <summary>{ok.length} OK</summary>
          <ul className="list compact">
            {ok.map((s) => (
              <SubjectItem key={s.Subject} s={s} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

export function Alarms() {
  const { query } = useLocation();
  const only = query.get('alarm') ?? undefined;
  const alarms = useApi('ListAlarms', {}, 3000);
  const history = useApi('GetAlarmHistory', { AlarmName: only, MaxResults: 200 }, 3000);
  const [all, setAll] = useState(false);
  // An alarm finding its feet (no data → OK) is history, but rarely news.
  const changes = (history.data?.History ?? []).filter((h: any) => all || h.OldState === 'ALARM' || h.NewState === 'ALARM');
  const notifications = useApi('ListNotifications', { MaxResults: 50 }, 5000);
  if (alarms.error && !alarms.data) return <Failure error={alarms.error} />;
  if (!alarms.data) return <Loading />;
  return (
    <div className="page">
      <h1>Alarms</h1>
      <Panel title="States" testId="alarm-states">
        <table className="data">
          <thead>
            <tr>
              <th>alarm</th>
              <th>rule</th>
              <th>severity</th>
              <th>state</th>
              <th>subjects</th>
            </tr>
          </thead>
          <tbody>
            {alarms.data.Alarms.filter((a: any) => !only || a.Name === only).map((a: any) => (
              <tr key={a.Name} data-alarm={a.Name} className={only === a.Name ? 'highlight' : ''}>
                <td>
                  <Link to={`/alarms?alarm=${encodeURIComponent(a.Name)}`}>
                    <b>{a.Name}</b>
                  </Link>
                  <div className="small muted">{a.Description}</div>
                </td>
                <td>{a.Rule}</td>
                <td>{a.Severity}</td>
                <td>
                  <StateBadge state={a.State} />
                </td>
                <td>{a.Subjects.length ? <Subjects subjects={a.Subjects} /> : <span className="muted">no data yet</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {only && (
          <p className="small">
            <Link to="/alarms">Show every alarm</Link>
          </p>
        )}
      </Panel>
      <Panel
        title="History"
        testId="alarm-history"
        actions={
          <label className="small muted check">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} name="all" /> every change
          </label>
        }
      >
        {history.error && !history.data ? (
          <Failure error={history.error} />
        ) : !history.data ? (
          <Loading />
        ) : !changes.length ? (
          <Empty>{all ? 'No transitions yet.' : 'No alarm has fired or recovered yet.'}</Empty>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>at</th>
                <th>alarm</th>
                <th>subject</th>
                <th>change</th>
                <th>reason</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((h: any) => (
                <tr key={h.Id}>
                  <td>{time(h.At)}</td>
                  <td>{h.AlarmName}</td>
                  <td>{h.RunId ? <Link to={`/runs/${encodeURIComponent(h.RunId)}`}>{h.Subject}</Link> : h.Subject}</td>
                  <td>
                    <StateBadge state={h.OldState} /> → <StateBadge state={h.NewState} />
                  </td>
                  <td className="small">{h.Reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="Notifications">
        {notifications.data?.Notifications.length ? (
          <table className="data" data-testid="notifications">
            <thead>
              <tr>
                <th>created</th>
                <th>notifier</th>
                <th>alarm</th>
                <th>change</th>
                <th>delivery</th>
              </tr>
            </thead>
            <tbody>
              {notifications.data.Notifications.map((n: any) => (
                <tr key={n.Id}>
                  <td>{time(n.CreatedOn)}</td>
                  <td>{n.Notifier}</td>
                  <td>
                    {n.AlarmName} · {n.Subject}
                  </td>
                  <td>{n.Transition}</td>
                  <td>
                    <StateBadge state={n.State} />{' '}
                    <span className="small">
                      {n.Attempts} attempt{n.Attempts === 1 ? '' : 's'}
                    </span>
                    {n.LastError && <div className="small error-text">{n.LastError}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty>No notifications sent yet.</Empty>
        )}
      </Panel>
    </div>
  );
}
