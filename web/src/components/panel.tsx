// Page building blocks: a titled panel, a headline number, and the states a panel's data can be in.
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';

export function Panel({
  title,
  actions,
  children,
  testId,
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <section className="panel" data-testid={testId}>
      {(title || actions) && (
        <header className="panel-head">
          <h2>{title}</h2>
          <div className="panel-actions">{actions}</div>
        </header>
      )}
      <div className="panel-body">{children}</div>
    </section>
  );
}

export function Stat({
  label,
  value,
  tone,
  testId,
}: {
  label: string;
  value: ReactNode;
  tone?: 'good' | 'bad' | 'neutral';
  testId?: string;
}) {
  return (
    <div className={`stat stat-${tone ?? 'neutral'}`} data-testid={testId}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

export function Loading() {
  return <p className="muted">Loading…</p>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="muted empty">{children}</p>;
}

/** An API failure, said plainly; an operation this server does not have is not an error but a note. */
export function Failure({ error, what }: { error: ApiError; what?: string }) {
  if (error.unsupported)
    return (
      <p className="muted">
        {what ?? 'This'} is not available on this Sluice server yet ({error.message.split('.')[0]}).
      </p>
    );
  return (
    <p className="error" role="alert">
      {error.type}: {error.message}
    </p>
  );
}
