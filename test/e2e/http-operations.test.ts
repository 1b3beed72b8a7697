// The running server driven by @aws-sdk/client-glue, signed with a configured key: every registered
// operation, errors as the SDK's typed exceptions, and pagination with the SDK's paginators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AlreadyExistsException,
  EntityNotFoundException,
  GetDatabaseCommand,
  GlueServiceException,
  InvalidInputException,
  paginateGetDatabases,
  paginateGetPartitions,
  paginateGetTableVersions,
  paginateGetTables,
  type GlueClient,
} from '@aws-sdk/client-glue';
import { startTestServer, TEST_KEY, type TestServer } from '../helpers/server.js';
import { glueClient, sendByName } from '../helpers/glue-client.js';
import { glueSamples, type Saved } from './glue-samples.js';
import { allOperations } from '../../src/config/operations.js';
import { callRemote } from '../../src/api/http/client.js';

const registered = new Set(allOperations().map((op) => op.name));
let s: TestServer;
let client: GlueClient;
beforeAll(async () => {
  s = await startTestServer();
  client = glueClient(s.url, TEST_KEY);
});
afterAll(async () => {
  client?.destroy();
  await s?.cleanup();
});

async function rejection(p: Promise<unknown>): Promise<GlueServiceException> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(GlueServiceException);
  return e as GlueServiceException;
}

describe('every registered operation over HTTP', () => {
  it('has a sample call for each registered operation', () => {
    const sampled = new Set(glueSamples.map(([op]) => op));
    const missing = s.sluice.registry
      .list()
      .map((op) => op.name)
      .filter((name) => !sampled.has(name));
    expect(missing, 'add a sample for these operations to test/e2e/glue-samples.ts').toEqual([]);
  });

  it('serves each one, in a create → use → delete sequence', async () => {
    const served: string[] = [];
    const saved: Saved = {};
    for (const [operation, sample] of glueSamples) {
      const op = s.sluice.registry.get(operation);
      if (!op) continue;
      const input = typeof sample.input === 'function' ? sample.input(saved) : sample.input;
      // Sluice-only operations are not in the SDK; they go over the same protocol with Sluice's client.
      const send = () =>
        (op.sluiceOnly
          ? callRemote(operation, input, {
              endpoint: s.url,
              region: 'us-east-1',
              credentials: { accessKeyId: TEST_KEY.id, secretAccessKey: TEST_KEY.secret },
            })
          : sendByName(client, operation, input)
        ).catch((e: Error) => {
          throw new Error(`${operation} failed: ${e.name}: ${e.message}`);
        });
      if (sample.expectError) {
        const err = await rejection(sendByName(client, operation, input));
        expect(err.name, operation).toBe(sample.expectError);
        served.push(operation);
        continue;
      }
      let output = await send();
      for (const deadline = Date.now() + 60_000; sample.until && !sample.until(output) && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 200));
        output = await send();
      }
      sample.check?.(output, saved);
      served.push(operation);
    }
    expect([...new Set(served)].sort()).toEqual(
      s.sluice.registry
        .list()
        .map((op) => op.name)
        .sort(),
    );
  });
});

describe('errors as the SDK typed exceptions', () => {
  it('surfaces EntityNotFoundException, AlreadyExistsException and ValidationException', async () => {
    const nf = await rejection(client.send(new GetDatabaseCommand({ Name: 'missing' })));
    expect(nf).toBeInstanceOf(EntityNotFoundException);
    expect(nf.message).toBe('Database missing not found.');
    expect(nf.$metadata.httpStatusCode).toBe(400);
    expect(nf.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    await sendByName(client, 'CreateDatabase', { DatabaseInput: { Name: 'twice' } });
    expect(await rejection(sendByName(client, 'CreateDatabase', { DatabaseInput: { Name: 'twice' } }))).toBeInstanceOf(
      AlreadyExistsException,
    );
    const invalid = await rejection(sendByName(client, 'CreateDatabase', { DatabaseInput: { Name: 'x'.repeat(256) } }));
    expect(invalid.name).toBe('ValidationException');
    expect(invalid.message).toMatch(/^1 validation error detected: .*Member must have length less than or equal to 255/);
  });

  it('answers a Glue operation Sluice does not serve with UnknownOperationException naming it', async () => {
    const unserved = ['GetCrawlers', 'GetJobs', 'ListWorkflows', 'GetMLTransforms', 'ListBlueprints'].find(
      (op) => !s.sluice.registry.has(op),
    );
    expect(unserved, 'all candidates are served now: pick another unserved operation').toBeDefined();
    const e = await rejection(sendByName(client, unserved!, {}));
    expect(e.name).toBe('UnknownOperationException');
    expect(e.message).toContain(`Operation ${unserved} is not supported by Sluice`);
  });
});

describe('pagination with the SDK paginators', () => {
  beforeAll(async () => {
    await sendByName(client, 'CreateDatabase', { DatabaseInput: { Name: 'paged' } });
    await sendByName(client, 'CreateTable', {
      DatabaseName: 'paged',
      TableInput: { Name: 'events', PartitionKeys: [{ Name: 'dt', Type: 'string' }] },
    });
    for (let i = 0; i < 11; i++) {
      await sendByName(client, 'CreateDatabase', { DatabaseInput: { Name: `page_db_${String(i).padStart(2, '0')}` } });
      await sendByName(client, 'CreateTable', { DatabaseName: 'paged', TableInput: { Name: `t${String(i).padStart(2, '0')}` } });
      await sendByName(client, 'UpdateTable', {
        DatabaseName: 'paged',
        TableInput: { Name: 'events', Description: `v${i + 1}`, PartitionKeys: [{ Name: 'dt', Type: 'string' }] },
      });
    }
  });

  async function collect<T>(
    pages: AsyncIterable<T>,
    items: (page: T) => unknown[] | undefined,
  ): Promise<{ pages: number; items: unknown[] }> {
    const out = { pages: 0, items: [] as unknown[] };
    for await (const page of pages) {
      out.pages++;
      out.items.push(...(items(page) ?? []));
    }
    return out;
  }

  it('pages GetDatabases, GetTables and GetTableVersions with NextToken', async () => {
    const dbs = await collect(paginateGetDatabases({ client, pageSize: 4 }, {}), (p) => p.DatabaseList);
    const names = dbs.items.map((d) => (d as { Name: string }).Name).filter((n) => n.startsWith('page_db_'));
    expect(names).toEqual(Array.from({ length: 11 }, (_, i) => `page_db_${String(i).padStart(2, '0')}`));
    expect(dbs.pages).toBe(Math.ceil(dbs.items.length / 4));
    const tables = await collect(paginateGetTables({ client, pageSize: 5 }, { DatabaseName: 'paged' }), (p) => p.TableList);
    expect(tables).toMatchObject({ pages: 3 });
    expect(tables.items).toHaveLength(12);
    const versions = await collect(
      paginateGetTableVersions({ client, pageSize: 5 }, { DatabaseName: 'paged', TableName: 'events' }),
      (p) => p.TableVersions,
    );
    expect(versions.items).toHaveLength(12);
    expect(versions.pages).toBe(3);
  });

  it.skipIf(!registered.has('BatchCreatePartition') || !registered.has('GetPartitions'))('pages GetPartitions with NextToken', async () => {
    const PartitionInputList = Array.from({ length: 25 }, (_, i) => ({ Values: [`2026-02-${String(i + 1).padStart(2, '0')}`] }));
    await sendByName(client, 'BatchCreatePartition', { DatabaseName: 'paged', TableName: 'events', PartitionInputList });
    const parts = await collect(
      paginateGetPartitions({ client, pageSize: 10 }, { DatabaseName: 'paged', TableName: 'events' }),
      (p) => p.Partitions,
    );
    expect(parts.items).toHaveLength(25);
    expect(parts.pages).toBe(3);
  });

  it('rejects a forged NextToken with InvalidInputException', async () => {
    expect(await rejection(sendByName(client, 'GetDatabases', { NextToken: 'forged!' }))).toBeInstanceOf(InvalidInputException);
  });
});
