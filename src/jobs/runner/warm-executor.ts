// `sluice _run job-warm -`: a job executor started before its run (runs/warm-launcher.ts). It loads
// what runs need — the services, the run code, every script kind's runner and DuckDB — says so to
// its launcher, and executes the first run it is sent, exactly as a cold executor (executor.ts)
// would. If the launcher goes away first (its channel closes), it ends without doing anything.
export async function waitForJobRun(): Promise<void> {
  await Promise.all([
    import('../../config/compose.js'),
    import('../../engine/create-engine.js'),
    import('./executor.js'),
    import('./run-job.js'),
    import('../scripts/module-script.js'),
    import('../scripts/sql-script.js'),
    import('../scripts/yaml-script.js'),
    import('../output/commit-run.js'),
  ]);
  const run = new Promise<{ id: string; args: string[] } | undefined>((resolve) => {
    process.once('message', (m) => resolve(m as { id: string; args: string[] }));
    process.once('disconnect', () => resolve(undefined));
  });
  process.send?.('ready');
  const given = await run;
  if (!given) return;
  const { executeJobRun } = await import('./executor.js');
  await executeJobRun(given.id, given.args[0]);
}
