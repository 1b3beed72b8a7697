// A state as a coloured badge: green for done well, red for failed or alarming, blue for in progress.
const GOOD = new Set(['SUCCEEDED', 'COMPLETED', 'OK', 'PASS', 'SENT', 'READY']);
const BAD = new Set(['FAILED', 'TIMEOUT', 'ERROR', 'EXPIRED', 'ALARM', 'FAIL', 'CANCELLED']);
const BUSY = new Set(['RUNNING', 'STARTING', 'STOPPING', 'WAITING', 'PENDING']);

export function tone(state: string | undefined): 'good' | 'bad' | 'busy' | 'neutral' {
  if (!state) return 'neutral';
  if (GOOD.has(state)) return 'good';
  if (BAD.has(state)) return 'bad';
  if (BUSY.has(state)) return 'busy';
  return 'neutral';
}

export function StateBadge({ state, label }: { state?: string; label?: string }) {
  return (
    <span className={`badge badge-${tone(state)}`} data-state={state}>
      {label ?? state ?? '—'}
    </span>
  );
}
