// The dashboard's frame: navigation, the page for the address, and signing in when the server asks.
import { useEffect, useState } from 'react';
import { call, getCredentials, onCredentialsChange, setCredentials, type ApiError } from './api/client';
import { Link, match, useLocation } from './router';
import { Overview } from './pages/overview';
import { Runs } from './pages/runs';
import { RunPage } from './pages/run-page';
import { Workflows } from './pages/workflows';
import { WorkflowPage } from './pages/workflow-page';
import { Catalog } from './pages/catalog';
import { TablePage } from './pages/table-page';
import { Quality } from './pages/quality';
import { Alarms } from './pages/alarms';
import { Audit } from './pages/audit';
import { SignIn } from './pages/sign-in';

const NAV: [string, string][] = [
  ['/', 'Overview'],
  ['/runs', 'Runs'],
  ['/workflows', 'Workflows'],
  ['/catalog', 'Catalog'],
  ['/quality', 'Quality'],
  ['/alarms', 'Alarms'],
  ['/audit', 'Audit'],
];

function Page({ path }: { path: string }) {
  let m: Record<string, string> | undefined;
  if (path === '/') return <Overview />;
  if (path === '/runs') return <Runs />;
  if ((m = match('/runs/:id', path))) return <RunPage runId={m.id} />;
  if (path === '/workflows') return <Workflows />;
  if ((m = match('/workflows/:name', path))) return <WorkflowPage name={m.name} />;
  if (path === '/catalog') return <Catalog />;
  if ((m = match('/catalog/:database/:table', path))) return <TablePage database={m.database} name={m.table} />;
  if (path === '/quality') return <Quality />;
  if (path === '/alarms') return <Alarms />;
  if (path === '/audit') return <Audit />;
  return (
    <div className="page">
      <h1>Not found</h1>
      <p>
        No page at {path}. <Link to="/">Overview</Link>
      </p>
    </div>
  );
}

/** Whether the server wants signed requests: asked once, and again when credentials change. */
function useAuth(): { needed?: string; version: number } {
  const [needed, setNeeded] = useState<string>();
  const [version, setVersion] = useState(0);
  useEffect(() => onCredentialsChange(() => setVersion((v) => v + 1)), []);
  useEffect(() => {
    call('GetDatabases', { MaxResults: 1 }).then(
      () => setNeeded(undefined),
      (e: ApiError) => {
        if (!e.needsCredentials) return setNeeded(undefined);
        setNeeded(getCredentials() ? `The access key was refused: ${e.message}` : 'This server checks signatures (it is not in dev mode).');
      },
    );
  }, [version]);
  return { needed, version };
}

export function App() {
  const { path } = useLocation();
  const auth = useAuth();
  const section = NAV.filter(([to]) => to !== '/').find(([to]) => path.startsWith(to))?.[0] ?? '/';
  return (
    <div className="app">
      <nav className="sidebar">
        <div className="brand">
          <span className="logo">≋</span> Sluice
        </div>
        {NAV.map(([to, label]) => (
          <Link key={to} to={to} className={to === section ? 'active' : ''}>
            {label}
          </Link>
        ))}
        <div className="sidebar-foot small">
          <a href="/metrics">/metrics</a>
          {getCredentials() && (
            <button className="link" onClick={() => setCredentials(undefined)}>
              sign out
            </button>
          )}
        </div>
      </nav>
      <main>{auth.needed ? <SignIn reason={auth.needed} /> : <Page key={`${path}:${auth.version}`} path={path} />}</main>
    </div>
  );
}
