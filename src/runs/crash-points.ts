// Test-only: deterministic kill points for the crash tests (test/e2e/commit-crash.test.ts,
// bench/commit-crash.bench.ts). SLUICE_CRASH_AT=<phase>[:<n>][@<who>] makes the process that reaches
// <phase> for the n-th time (default 1) SIGKILL <who> there: itself (`self`, the default), its
// supervisor (`supervisor`: the run then dies with it, as a run never goes on unsupervised), both
// (`both`), or its parent, the CLI or server that launched it, together with itself (`cli`). Never
// set it outside tests: it exists to prove that a kill at any of these points loses and doubles
// nothing. Phases of a run's commit (runs/run-commit.ts): `staged`, `intent`, `moving`, `committed`;
// of a crawl: `crawl-partitions`.
let peers: { supervisor?: number } = {};
const reached = new Map<string, number>();

/** Tells the crash point which process supervises this one (the job executor does). */
export function setCrashPeers(p: { supervisor?: number }): void {
  peers = p;
}

export function crashPoint(phase: string): void {
  const spec = process.env.SLUICE_CRASH_AT;
  if (!spec) return;
  const m = /^([a-z-]+)(?::(\d+))?(?:@(self|supervisor|both|cli))?$/.exec(spec);
  if (!m || m[1] !== phase) return;
  const n = (reached.get(phase) ?? 0) + 1;
  reached.set(phase, n);
  if (n !== Number(m[2] ?? 1)) return;
  const who = m[3] ?? 'self';
  const kill = (pid: number | undefined) => {
    try {
      if (pid) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  if (who === 'supervisor' || who === 'both') kill(peers.supervisor);
  if (who === 'cli') kill(process.ppid);
  if (who !== 'supervisor') kill(process.pid);
}
