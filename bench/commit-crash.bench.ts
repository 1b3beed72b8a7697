// The long form of test/e2e/commit-crash.test.ts (issue 13): `npm run bench commit-crash`, with
// COUNT kills per phase and store (default 20), rotating through who is killed (executor,
// supervisor, both, the CLI with the executor) and, for the moving phase, after which moved file
// (1 … 9). STORES=local,s3,pg picks the backends (pg: local lake, PostgreSQL metadata). Prints, per
// phase and store, how many reruns left exactly a clean run's rows, files, partitions and bookmark,
// and the first difference of any that did not.
import { isDeepStrictEqual } from 'node:util';
import { startS3Server, type TestS3Server } from '../test/helpers/s3-server.js';
import { PHASES, WHO, cleanRuns, crashAndRerun, type Backends } from '../test/helpers/commit-crash.js';

export default async function commitCrash(): Promise<void> {
  const count = Number(process.env.COUNT ?? 20);
  const stores = (process.env.STORES ?? 'local,s3').split(',');
  const s3: TestS3Server | undefined = stores.includes('s3') ? await startS3Server() : undefined;
  let failures = 0;
  try {
    for (const store of stores) {
      const backends: Backends = store === 's3' ? { s3 } : store === 'pg' ? { postgres: true } : {};
      const ref = await cleanRuns(backends);
      for (const phase of PHASES) {
        let clean = 0;
        const states: Record<string, number> = {};
        const started = Date.now();
        for (let i = 0; i < count; i++) {
          const crash = { phase, who: WHO[i % WHO.length], n: phase === 'moving' ? 1 + (i % 9) : undefined };
          const { killedState, ...after } = await crashAndRerun(crash, backends);
          states[killedState] = (states[killedState] ?? 0) + 1;
          if (isDeepStrictEqual(after, killedState === 'SUCCEEDED' ? ref.twice : ref.once)) clean++;
          else {
            failures++;
            console.log(`  NOT CLEAN: ${store} ${phase}:${crash.n ?? 1}@${crash.who}`, JSON.stringify(after));
          }
        }
        const per = ((Date.now() - started) / count / 1000).toFixed(1);
        console.log(
          `${store.padEnd(5)} ${phase.padEnd(9)} ${clean}/${count} clean  killed runs: ${JSON.stringify(states)}  (${per} s each)`,
        );
      }
    }
  } finally {
    await s3?.stop();
  }
  if (failures) process.exitCode = 1;
}
