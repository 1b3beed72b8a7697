// Issue 13's kill tests, the short form for CI: a job run SIGKILLed at each named phase of its commit
// (staging sealed, intent recorded, part-way through moving outputs, after the commit), killing the
// executor, its supervisor, both, or the CLI and the executor, on the local lake and on an
// S3-compatible store; after the kill a rerun must leave exactly what the same runs leave without
// one. And a crawl killed while it writes partitions. The long form (≥20 per phase) is
// `npm run bench commit-crash`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startS3Server, type TestS3Server } from '../helpers/s3-server.js';
import { PHASES, WHO, cleanRuns, crashAndRerun, type Snapshot } from '../helpers/commit-crash.js';
import { runCli } from '../helpers/cli.js';
import { openSluice } from '../../src/config/compose.js';

let s3: TestS3Server;
const reference: Record<string, { once: Snapshot; twice: Snapshot }> = {};

beforeAll(async () => {
  s3 = await startS3Server();
  reference.local = await cleanRuns();
  reference.s3 = await cleanRuns({ s3 });
}, 120_000);
afterAll(async () => {
  await s3?.stop();
});

describe('a job run killed in its commit', () => {
  it('the clean reference: a rerun with nothing new changes nothing but the bookmark version', () => {
    for (const ref of Object.values(reference)) {
      expect(ref.once.rows).toEqual(ref.twice.rows);
      expect(ref.once.files).toEqual(ref.twice.files);
      expect(ref.once.partitions).toEqual(ref.twice.partitions);
      expect((ref.once.rows.orders as { n: number }[])[0].n).toBe(120);
      expect(ref.once.leftovers).toEqual({ staging: 0, scratch: [], intents: 0 });
    }
  });

  // Two kills per phase, one per store, rotating through who is killed (each kind twice).
  const cases = PHASES.flatMap((phase, i) =>
    (['local', 's3'] as const).map((store, j) => ({
      phase,
      store,
      who: WHO[(i * 2 + j) % WHO.length],
      n: phase === 'moving' ? 2 : undefined,
    })),
  );
  for (const c of cases) {
    it(`killed at ${c.phase}${c.n ? `:${c.n}` : ''} (${c.who}) on ${c.store}: the rerun leaves exactly a clean run's rows, files, partitions and bookmark`, async () => {
      const { killedState, ...after } = await crashAndRerun(c, c.store === 's3' ? { s3 } : {});
      // Before the decision the run failed and the rerun did its work; after it, the killed run's
      // commit was completed by recovery and the rerun found nothing new.
      if (c.who !== 'supervisor') expect(killedState).toBe(c.phase === 'staged' ? 'FAILED' : 'SUCCEEDED');
      const ref = reference[c.store];
      expect(after).toEqual(killedState === 'SUCCEEDED' ? ref.twice : ref.once);
    }, 120_000);
  }
});

describe('with PostgreSQL metadata', () => {
  it('a run killed part-way through moving its outputs: the rerun leaves exactly a clean run', async () => {
    const { killedState, ...after } = await crashAndRerun({ phase: 'moving', n: 3, who: 'both' }, { postgres: true });
    expect(killedState).toBe('SUCCEEDED');
    expect(after).toEqual(reference.local.twice);
  }, 120_000);
});

describe('a crawl killed while it writes partitions', () => {
  it('leaves no partition behind, and the next crawl catalogs every partition once', async () => {
    const catalogOf = async (crash?: string) => {
      const dir = mkdtempSync(join(tmpdir(), 'sluice-crawl-crash-'));
      try {
        expect(runCli(dir, ['init']).status).toBe(0);
        for (let d = 1; d <= 6; d++) {
          mkdirSync(join(dir, 'lake', 'raw', 'events', `dt=2024-01-0${d}`), { recursive: true });
          writeFileSync(join(dir, 'lake', 'raw', 'events', `dt=2024-01-0${d}`, 'a.csv'), `id,v\n${d},x\n`);
        }
        const targets = JSON.stringify({ S3Targets: [{ Path: 'lake/raw' }] });
        const create = ['glue', 'create-crawler', '--name', 'raw', '--role', 'r', '--database-name', 'raw', '--targets', targets];
        expect(runCli(dir, create).status).toBe(0);
        let killed: Record<string, unknown> | undefined;
        if (crash) {
          runCli(dir, ['crawler', 'run', 'raw', '--interval', '50'], { SLUICE_CRASH_AT: crash });
          const sluice = await openSluice({ cwd: dir });
          try {
            const parts = await sluice.services.store.db.selectFrom('catalog_partitions').select('values_key').execute();
            const crawls = (await sluice.call('ListCrawls', { CrawlerName: 'raw' })).Crawls as Record<string, unknown>[];
            killed = { partitions: parts.length, state: crawls[0]?.State };
          } finally {
            await sluice.close();
          }
        }
        expect(runCli(dir, ['crawler', 'run', 'raw', '--interval', '50']).status).toBe(0);
        const sluice = await openSluice({ cwd: dir });
        try {
          const tables = (await sluice.call('GetTables', { DatabaseName: 'raw' })).TableList as { Name: string }[];
          const { Partitions } = await sluice.call('GetPartitions', { DatabaseName: 'raw', TableName: tables[0].Name });
          return {
            killed,
            tables: tables.map((t) => t.Name),
            partitions: (Partitions as { Values: string[] }[]).map((p) => p.Values.join('/')).sort(),
          };
        } finally {
          await sluice.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const clean = await catalogOf();
    expect(clean.partitions).toHaveLength(6);
    const afterKill = await catalogOf('crawl-partitions:3');
    // The crawl died inside its one transaction: nothing of it is in the catalog, and it is FAILED.
    expect(afterKill.killed).toEqual({ partitions: 0, state: 'FAILED' });
    expect({ tables: afterKill.tables, partitions: afterKill.partitions }).toEqual({ tables: clean.tables, partitions: clean.partitions });
  }, 120_000);
});
