// Dev mode, as test harnesses written for local AWS emulators use it: any signature or none, and a
// reset call that wipes all state — on every metadata backend. Also the server's refusals and its
// answer to a real fault.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetDatabasesCommand, type GlueClient } from '@aws-sdk/client-glue';
import { startTestServer, TEST_KEY, type TestServer } from '../helpers/server.js';
import { BACKENDS, openTestProject, postgresAvailable } from '../helpers/backends.js';
import { glueClient, sendByName } from '../helpers/glue-client.js';
import { startServer } from '../../src/api/http/server.js';

const hasPg = await postgresAvailable();
const post = (url: string, target?: string, body = '{}') =>
  fetch(url, {
    method: 'POST',
    headers: target ? { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSGlue.${target}` } : {},
    body,
  });

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && !hasPg)(`dev mode on ${backend}`, () => {
    let s: TestServer;
    let client: GlueClient;
    beforeAll(async () => {
      s = await startTestServer({ dev: true, backend });
      // Emulator suites sign with made-up keys such as test/test.
      client = glueClient(s.url, { id: 'test', secret: 'test' });
    });
    afterAll(async () => {
      client?.destroy();
      await s?.cleanup();
    });

    async function rowCounts(): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const t of await s.sluice.services.store.db.introspection.getTables()) {
        const r = await s.sluice.services.store.db
          .selectFrom(t.name as never)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        out[t.name] = Number(r.n);
      }
      return out;
    }

    async function seed() {
      await sendByName(client, 'CreateDatabase', { DatabaseInput: { Name: 'sales' }, Tags: { a: 'b' } });
      await sendByName(client, 'CreateTable', { DatabaseName: 'sales', TableInput: { Name: 'orders' } });
      await sendByName(client, 'CreateConnection', { ConnectionInput: { Name: 'c', ConnectionType: 'JDBC', ConnectionProperties: {} } });
      expect(Object.values(await rowCounts()).some((n) => n > 0)).toBe(true);
    }

    it('accepts made-up keys and unsigned requests', async () => {
      expect((await client.send(new GetDatabasesCommand({}))).DatabaseList).toEqual([]);
      const unsigned = await post(`${s.url}/`, 'GetDatabases');
      expect(unsigned.status).toBe(200);
      expect(await unsigned.json()).toEqual({ DatabaseList: [] });
    });

    it('wipes every table of the metadata store on POST /moto-api/reset and POST /_sluice/reset', async () => {
      for (const path of ['/moto-api/reset', '/_sluice/reset']) {
        await seed();
        const res = await post(`${s.url}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
        expect(((await res.json()) as { status: string }).status).toBe('ok');
        const counts = await rowCounts();
        expect(Object.keys(counts)).toEqual(expect.arrayContaining(['catalog_databases', 'catalog_tables', 'tags']));
        expect(Object.entries(counts).filter(([, n]) => n > 0)).toEqual([]);
        expect((await client.send(new GetDatabasesCommand({}))).DatabaseList).toEqual([]);
      }
      // The store still works after a reset: the migrations' bookkeeping was kept.
      await seed();
    });
  });
}

describe('server refusals and faults', () => {
  it('has no reset route outside dev mode', async () => {
    const s = await startTestServer();
    const signed = glueClient(s.url, TEST_KEY);
    try {
      const res = await post(`${s.url}/moto-api/reset`);
      expect(res.status).toBe(404);
      expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
      expect((await signed.send(new GetDatabasesCommand({}))).DatabaseList).toEqual([]);
    } finally {
      signed.destroy();
      await s.cleanup();
    }
  });

  it('refuses dev mode on a non-loopback address, and a server nobody could call', async () => {
    const p = await openTestProject();
    try {
      await expect(startServer(p.sluice, { host: '0.0.0.0', port: 0, dev: true })).rejects.toThrow(
        /Refusing to listen on 0.0.0.0 in dev mode/,
      );
      await expect(startServer(p.sluice, { host: '127.0.0.1', port: 0, dev: false })).rejects.toThrow(/No access keys are configured/);
    } finally {
      await p.cleanup();
    }
  });

  it('answers a real fault with 500 InternalServiceException, and unknown targets with 400', async () => {
    const s = await startTestServer({ dev: true });
    try {
      const unknown = await post(`${s.url}/`, 'NoSuchOperation');
      expect(unknown.status).toBe(400);
      expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
      expect(((await unknown.json()) as { message: string }).message).toMatch(/^Operation NoSuchOperation is not supported by Sluice/);
      await s.sluice.services.store.close(); // the metadata store goes away under the server
      const fault = await post(`${s.url}/`, 'GetDatabases');
      expect(fault.status).toBe(500);
      expect(fault.headers.get('x-amzn-errortype')).toBe('InternalServiceException');
      expect(((await fault.json()) as { __type: string }).__type).toBe('InternalServiceException');
    } finally {
      await s.cleanup().catch(() => {});
    }
  });
});
