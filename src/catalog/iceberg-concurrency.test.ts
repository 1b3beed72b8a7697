// Two processes appending to one Iceberg table at once: every commit lands (no lost update), the
// snapshots form one chain, every metadata file in the log parses, and chDB reads the same rows.
// ICEBERG_TRIALS sets the commits per process (default 10; `npm run bench iceberg-commits` runs 100).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../../test/helpers/backends.js';
import { chdbQuery, hasChdb } from '../../test/helpers/chdb.js';
import type { Table } from '../kernel/glue-types.js';
import { readMetadata } from '../tables/iceberg/index.js';
import { queryCatalog } from './query.js';

const TRIALS = Number(process.env.ICEBERG_TRIALS ?? 10);
const committer = fileURLToPath(new URL('../../test/helpers/iceberg-committer.ts', import.meta.url));

function commit(dir: string, first: number, pgUrl?: string): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', committer, dir, 'lake', 'events', String(first), String(TRIALS), ...(pgUrl ? [pgUrl] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve((JSON.parse(out) as { attempts: number[] }).attempts) : reject(new Error(`committer failed: ${err}`)),
    );
  });
}

let p: TestProject | undefined;
afterEach(async () => {
  await p?.cleanup();
  p = undefined;
});

describe.each(BACKENDS)('concurrent commits to one Iceberg table (%s)', (backend) => {
  it(`loses no update over ${TRIALS} commits from each of two processes`, { timeout: 60_000 + TRIALS * 4_000 }, async (t) => {
    if (backend === 'postgres' && !(await postgresAvailable())) return t.skip();
    p = await openTestProject(backend);
    const call = (op: string, input: unknown) => p!.sluice.call(op, input);
    const location = join(p.dir, 'lake/events');
    await call('CreateDatabase', { DatabaseInput: { Name: 'lake' } });
    await call('CreateTable', {
      DatabaseName: 'lake',
      TableInput: {
        Name: 'events',
        StorageDescriptor: {
          Location: location,
          Columns: [
            { Name: 'id', Type: 'bigint' },
            { Name: 'writer', Type: 'string' },
          ],
        },
      },
      OpenTableFormatInput: { IcebergInput: { MetadataOperation: 'CREATE' } },
    });
    const pgUrl = p.storeConfig.kind === 'postgres' ? p.storeConfig.url : undefined;

    const [a, b] = await Promise.all([commit(p.dir, 0, pgUrl), commit(p.dir, 100_000, pgUrl)]);
    const expected = [...Array(TRIALS).keys()].flatMap((i) => [i, 100_000 + i]).sort((x, y) => x - y);
    const rows = (await queryCatalog(p.sluice.services, 'SELECT id FROM lake.events ORDER BY id')).rows.map((r) => r.id);
    expect(rows).toEqual(expected);

    // One chain of snapshots, sequence numbers 1…2N, each metadata file of the log readable.
    const table = (await call('GetTable', { DatabaseName: 'lake', Name: 'events' })) as { Table: Table };
    const metadata = await readMetadata(p.sluice.services.storage, table.Table.Parameters!.metadata_location);
    expect(metadata.snapshots).toHaveLength(2 * TRIALS);
    let s = metadata.snapshots.find((x) => x['snapshot-id'] === metadata['current-snapshot-id']);
    let chain = 0;
    while (s) {
      expect(s['sequence-number']).toBe(BigInt(2 * TRIALS - chain));
      chain++;
      const parent = s['parent-snapshot-id'];
      s = metadata.snapshots.find((x) => x['snapshot-id'] === parent);
    }
    expect(chain).toBe(2 * TRIALS);
    expect(metadata.snapshots.at(-1)!.summary['total-records']).toBe(String(2 * TRIALS));
    for (const entry of metadata['metadata-log']) await readMetadata(p.sluice.services.storage, entry['metadata-file']);
    expect(metadata['metadata-log']).toHaveLength(2 * TRIALS);
    expect(table.Table.Parameters!.previous_metadata_location).toBe(metadata['metadata-log'].at(-1)!['metadata-file']);

    // ClickHouse finds the newest metadata file by its number: losers' files were removed.
    const ch = hasChdb && chdbQuery(p.dir, `SELECT count() AS n, uniqExact(id) AS u FROM icebergLocal('${relative(p.dir, location)}')`);
    if (ch) expect(ch).toEqual([{ n: String(2 * TRIALS), u: String(2 * TRIALS) }].map((r) => ({ n: Number(r.n), u: Number(r.u) })));
    const retried = [...a, ...b].filter((n) => n > 1).length;
    console.log(`${backend}: ${2 * TRIALS} commits, ${retried} retried after losing a race, at most ${Math.max(...a, ...b)} attempts`);
  });
});
