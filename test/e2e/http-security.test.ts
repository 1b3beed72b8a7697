// The probes of issue 14, as an attacker with one valid key would try them against a server that
// checks signatures: each is refused. Storage confinement, account isolation of every resource,
// signed X-Amz-Target, /metrics behind a token, bounded bodies, authenticated NextTokens, short
// error messages, and policies (a read-only key beside an admin key).
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlueServiceException, type GlueClient } from '@aws-sdk/client-glue';
import { OTHER_ACCOUNT_KEY, startTestServer, TEST_KEY, type TestKey, type TestServer } from '../helpers/server.js';
import { glueClient, sendByName } from '../helpers/glue-client.js';
import { signRequest } from '../../src/security/sigv4.js';
import { callRemote } from '../../src/api/http/client.js';
import { readAudit } from '../../src/security/audit/trail.js';
import { runCli } from '../helpers/cli.js';

const READ_ONLY: TestKey = { id: 'AKIASLUICEREADONLY01', secret: 'sluice/test/readonly', policies: ['ReadOnlyAccess'] };
const NO_POLICY: TestKey = { id: 'AKIASLUICENOPOLICY01', secret: 'sluice/test/nopolicy', policies: [] };
const NO_DROP: TestKey = {
  id: 'AKIASLUICENODROP0001',
  secret: 'sluice/test/nodrop',
  policies: [
    'AdministratorAccess',
    {
      Version: '2012-10-17',
      Statement: [{ Sid: 'NoDrop', Effect: 'Deny', Action: 'glue:Delete*', Resource: 'arn:aws:glue:*:*:database/keep*' }],
    },
  ],
};
const ONE_TABLE: TestKey = {
  id: 'AKIASLUICEONETABLE01',
  secret: 'sluice/test/onetable',
  policies: [
    {
      Statement: [
        { Effect: 'Allow', Action: 'glue:RunCatalogQuery', Resource: '*' },
        {
          Effect: 'Allow',
          Action: 'glue:GetTable',
          Resource: [
            'arn:aws:glue:us-east-1:123456789012:catalog',
            'arn:aws:glue:us-east-1:123456789012:database/probe',
            'arn:aws:glue:us-east-1:123456789012:table/probe/leak',
          ],
        },
      ],
    },
  ],
};
const METRICS_TOKEN = 'metrics-token-for-tests';

let s: TestServer;
let mine: GlueClient;
let theirs: GlueClient;
const clients: GlueClient[] = [];
const client = (key: TestKey) => {
  const c = glueClient(s.url, key);
  clients.push(c);
  return c;
};

beforeAll(async () => {
  process.env.SLUICE_TEST_METRICS_TOKEN = METRICS_TOKEN;
  s = await startTestServer({
    keys: [TEST_KEY, OTHER_ACCOUNT_KEY, READ_ONLY, NO_POLICY, NO_DROP, ONE_TABLE],
    security: { metricsToken: { env: 'SLUICE_TEST_METRICS_TOKEN' } },
  });
  mine = client(TEST_KEY);
  theirs = client(OTHER_ACCOUNT_KEY);
});
afterAll(async () => {
  clients.forEach((c) => c.destroy());
  await s?.cleanup();
});

async function rejection(p: Promise<unknown>): Promise<GlueServiceException> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'expected the call to be rejected').toBeInstanceOf(GlueServiceException);
  return e as GlueServiceException;
}

const tableAt = (Location: string, Name = 'leak') => ({
  DatabaseName: 'probe',
  TableInput: { Name, StorageDescriptor: { Location, Columns: [{ Name: 'line', Type: 'string' }] }, Parameters: { classification: 'csv' } },
});

describe('storage confinement', () => {
  beforeAll(async () => {
    await sendByName(mine, 'CreateDatabase', { DatabaseInput: { Name: 'probe' } });
  });

  it('refuses a table over a file outside the zones, so RunCatalogQuery cannot read /etc/shadow', async () => {
    for (const location of ['/etc/shadow', '/etc', 'file:///etc/passwd', 'lake/raw/../../../etc', '.sluice/metadata.db', '../outside']) {
      const e = await rejection(sendByName(mine, 'CreateTable', tableAt(location)));
      expect(e.name, location).toBe('InvalidInputException');
      expect(e.message).toMatch(
        /is outside the storage this server allows: it must lie in the project's zones \(lake\/raw, lake\/processed, lake\/curated\)/,
      );
    }
    const q = await rejection(sendByName(mine, 'GetTable', { DatabaseName: 'probe', Name: 'leak' }));
    expect(q.name).toBe('EntityNotFoundException');
    await sendByName(mine, 'CreateTable', tableAt('lake/raw/probe/leak'));
    await sendByName(mine, 'CreateTable', tableAt(join(s.dir, 'lake/curated/leak2'), 'leak2'));
  });

  it('follows symbolic links: a link inside a zone that points out of it is refused', async () => {
    mkdirSync(join(s.dir, 'lake/raw'), { recursive: true });
    symlinkSync('/etc', join(s.dir, 'lake/raw/etc-link'));
    const e = await rejection(sendByName(mine, 'CreateTable', tableAt('lake/raw/etc-link/passwd', 'linked')));
    expect(e.name).toBe('InvalidInputException');
  });

  it('refuses a crawler over /etc/ssl and partitions outside the zones', async () => {
    const e = await rejection(
      sendByName(mine, 'CreateCrawler', { Name: 'ssl', Role: 'r', DatabaseName: 'probe', Targets: { S3Targets: [{ Path: '/etc/ssl' }] } }),
    );
    expect(e.name).toBe('InvalidInputException');
    expect(e.message).toMatch(/^Crawler S3 target '\/etc\/ssl' is outside the storage/);
    const p = await rejection(
      sendByName(mine, 'CreatePartition', {
        DatabaseName: 'probe',
        TableName: 'leak',
        PartitionInput: { Values: ['x'], StorageDescriptor: { Location: '/etc/ssl' } },
      }),
    );
    expect(p.name).toBe('InvalidInputException');
  });

  it('refuses a script outside the project and job arguments naming other places', async () => {
    const job = (ScriptLocation: string, DefaultArguments?: Record<string, string>) => ({
      Name: 'evil',
      Role: 'r',
      Command: { Name: 'glueetl', ScriptLocation },
      DefaultArguments,
    });
    const e = await rejection(sendByName(mine, 'CreateJob', job('/tmp/evil.ts')));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toBe(
      "ScriptLocation '/tmp/evil.ts' is outside the project: a job's script must lie in the project folder (or an allowed s3:// prefix).",
    );
    expect((await rejection(sendByName(mine, 'CreateJob', job('.sluice/evil.sql')))).name).toBe('AccessDeniedException');
    const arg = await rejection(sendByName(mine, 'CreateJob', job('scripts/ok.sql', { '--output-path': '/var/tmp/out' })));
    expect(arg.message).toMatch(/^Job argument '--output-path' '\/var\/tmp\/out' is outside the storage/);
    await sendByName(mine, 'CreateJob', job('scripts/ok.sql', { '--output-path': 'lake/curated/out' }));
    const run = await rejection(sendByName(mine, 'StartJobRun', { JobName: 'evil', Arguments: { '--input': '/etc/passwd' } }));
    expect(run.name).toBe('InvalidInputException');
    await sendByName(mine, 'DeleteJob', { JobName: 'evil' });
  });
});

describe('account isolation of every resource', () => {
  it("keeps one account's jobs, runs, bookmarks, crawlers, triggers, workflows and rulesets from another", async () => {
    await sendByName(mine, 'CreateJob', { Name: 'payroll', Role: 'r', Command: { Name: 'glueetl', ScriptLocation: 'scripts/p.sql' } });
    await sendByName(mine, 'CreateCrawler', {
      Name: 'payroll-crawler',
      Role: 'r',
      DatabaseName: 'probe',
      Targets: { S3Targets: [{ Path: 'lake/raw' }] },
    });
    await sendByName(mine, 'CreateWorkflow', { Name: 'payroll-flow' });
    await sendByName(mine, 'CreateTrigger', { Name: 'payroll-trigger', Type: 'ON_DEMAND', Actions: [{ JobName: 'payroll' }] });
    await sendByName(mine, 'CreateDataQualityRuleset', { Name: 'payroll-rules', Ruleset: 'Rules = [ RowCount > 0 ]' });

    const notFound = async (operation: string, input: object) => {
      const e = await rejection(sendByName(theirs, operation, input));
      expect(e.name, operation).toBe('EntityNotFoundException');
    };
    await notFound('GetJob', { JobName: 'payroll' });
    await notFound('UpdateJob', {
      JobName: 'payroll',
      JobUpdate: { Role: 'x', Command: { Name: 'glueetl', ScriptLocation: 'scripts/p.sql' } },
    });
    await notFound('DeleteJob', { JobName: 'payroll' });
    await notFound('StartJobRun', { JobName: 'payroll' });
    await notFound('GetJobRuns', { JobName: 'payroll' });
    await notFound('ResetJobBookmark', { JobName: 'payroll' });
    await notFound('GetJobBookmark', { JobName: 'payroll' });
    await notFound('GetCrawler', { Name: 'payroll-crawler' });
    await notFound('StartCrawler', { Name: 'payroll-crawler' });
    await notFound('DeleteCrawler', { Name: 'payroll-crawler' });
    await notFound('GetWorkflow', { Name: 'payroll-flow' });
    await notFound('StartWorkflowRun', { Name: 'payroll-flow' });
    await notFound('GetTrigger', { Name: 'payroll-trigger' });
    await notFound('StartTrigger', { Name: 'payroll-trigger' });
    await notFound('GetDataQualityRuleset', { Name: 'payroll-rules' });
    await notFound('DeleteDataQualityRuleset', { Name: 'payroll-rules' });

    expect((await sendByName(theirs, 'ListJobs', {})).JobNames).toEqual([]);
    expect((await sendByName(theirs, 'GetJobs', {})).Jobs).toEqual([]);
    expect((await sendByName(theirs, 'ListCrawlers', {})).CrawlerNames).toEqual([]);
    expect((await sendByName(theirs, 'GetCrawlers', {})).Crawlers).toEqual([]);
    expect((await sendByName(theirs, 'ListWorkflows', {})).Workflows).toEqual([]);
    expect((await sendByName(theirs, 'ListTriggers', {})).TriggerNames).toEqual([]);
    expect((await sendByName(theirs, 'ListDataQualityRulesets', {})).Rulesets).toEqual([]);
    const batch = await sendByName(theirs, 'BatchGetJobs', { JobNames: ['payroll'] });
    expect([batch.Jobs, batch.JobsNotFound]).toEqual([[], ['payroll']]);

    // Their own resources are theirs, and ours stay ours.
    await sendByName(theirs, 'CreateJob', { Name: 'theirs', Role: 'r', Command: { Name: 'glueetl', ScriptLocation: 'scripts/t.sql' } });
    expect((await sendByName(theirs, 'ListJobs', {})).JobNames).toEqual(['theirs']);
    expect((await sendByName(mine, 'ListJobs', {})).JobNames).toEqual(['payroll']);
    expect((await sendByName(mine, 'GetJob', { JobName: 'payroll' })).Job.Name).toBe('payroll');
    const run = await callRemote(
      'ListRuns',
      {},
      {
        endpoint: s.url,
        region: 'us-east-1',
        credentials: { accessKeyId: OTHER_ACCOUNT_KEY.id, secretAccessKey: OTHER_ACCOUNT_KEY.secret },
      },
    );
    expect((run as { Runs: unknown[] }).Runs).toEqual([]);
    await sendByName(theirs, 'DeleteJob', { JobName: 'theirs' });
  });

  it("writes another account's crawl into that account's catalog", async () => {
    mkdirSync(join(s.dir, 'lake/raw/theirs/orders'), { recursive: true });
    writeFileSync(join(s.dir, 'lake/raw/theirs/orders/part-0.csv'), 'id,amount\n1,9.5\n2,12\n');
    await sendByName(theirs, 'CreateDatabase', { DatabaseInput: { Name: 'their_lake' } });
    await sendByName(mine, 'CreateDatabase', { DatabaseInput: { Name: 'their_lake' } });
    await sendByName(theirs, 'CreateCrawler', {
      Name: 'their-crawler',
      Role: 'r',
      DatabaseName: 'their_lake',
      Targets: { S3Targets: [{ Path: 'lake/raw/theirs' }] },
    });
    await sendByName(theirs, 'StartCrawler', { Name: 'their-crawler' });
    for (const end = Date.now() + 60_000; ;) {
      const c = (await sendByName(theirs, 'GetCrawler', { Name: 'their-crawler' })).Crawler;
      if (c.State === 'READY' && c.LastCrawl) break;
      if (Date.now() > end) throw new Error('the crawl did not end');
      await new Promise((r) => setTimeout(r, 250));
    }
    const tables = async (c: GlueClient) =>
      (await sendByName(c, 'GetTables', { DatabaseName: 'their_lake' })).TableList.map((t: { Name: string }) => t.Name);
    expect(await tables(theirs)).toHaveLength(1);
    expect(await tables(mine)).toEqual([]);
  });

  it("resolves RunCatalogQuery's tables in the caller's own catalog", async () => {
    const credentials = { accessKeyId: OTHER_ACCOUNT_KEY.id, secretAccessKey: OTHER_ACCOUNT_KEY.secret };
    const e = await callRemote(
      'RunCatalogQuery',
      { Sql: 'SELECT * FROM probe.leak' },
      { endpoint: s.url, region: 'us-east-1', credentials },
    ).catch((x) => x);
    expect(e).toMatchObject({ type: 'EntityNotFoundException', message: 'Table probe.leak not found in the Data Catalog' });
  });
});

describe('the wire', () => {
  const url = () => new URL(`${s.url}/`);
  const send = (headers: Record<string, string>, body: string | Buffer) => fetch(url(), { method: 'POST', headers, body });

  it('refuses a signature that does not cover X-Amz-Target or Content-Type', async () => {
    await sendByName(mine, 'CreateDatabase', { DatabaseInput: { Name: 'replayed' } });
    const body = Buffer.from('{"Name":"replayed"}');
    const onlyHost = signRequest(
      { method: 'POST', url: url(), headers: {}, body },
      { accessKeyId: TEST_KEY.id, secretAccessKey: TEST_KEY.secret },
      'us-east-1',
    );
    const res = await send({ ...onlyHost, 'x-amz-target': 'AWSGlue.DeleteDatabase', 'content-type': 'application/x-amz-json-1.1' }, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'InvalidSignatureException',
      message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization.",
    });
    expect((await sendByName(mine, 'GetDatabase', { Name: 'replayed' })).Database.Name).toBe('replayed');
  });

  it('answers JSON nested 10,000 deep and an oversized body with 400s', async () => {
    const deep = Buffer.from(`{"Name":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    const headers = (b: Buffer) =>
      signRequest(
        {
          method: 'POST',
          url: url(),
          headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSGlue.GetDatabase' },
          body: b,
        },
        { accessKeyId: TEST_KEY.id, secretAccessKey: TEST_KEY.secret },
        'us-east-1',
      );
    const res = await send(headers(deep), deep);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ __type: 'SerializationException', message: 'The request body nests JSON deeper than 64 levels.' });
    const big = Buffer.alloc(33 * 1024 * 1024, 32);
    const tooBig = await send({ 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSGlue.GetDatabase' }, big);
    expect(tooBig.status).toBe(400);
    expect(tooBig.headers.get('x-amzn-errortype')).toBe('SerializationException');
  });

  it('echoes no more than a short excerpt of a 10 MB bad value', async () => {
    const e = await rejection(sendByName(mine, 'CreateDatabase', { DatabaseInput: { Name: 'x'.repeat(10 * 1024 * 1024) } }));
    expect(e.message.length).toBeLessThan(1200);
  });

  it('refuses forged NextTokens and tokens replayed on another listing', async () => {
    for (const i of [1, 2, 3]) await sendByName(mine, 'CreateDatabase', { DatabaseInput: { Name: `paged_${i}` } });
    const first = await sendByName(mine, 'GetDatabases', { MaxResults: 1 });
    expect(first.NextToken).toBeDefined();
    expect((await sendByName(mine, 'GetDatabases', { MaxResults: 1, NextToken: first.NextToken })).DatabaseList).toHaveLength(1);
    const forged = Buffer.from(JSON.stringify({ o: 2 })).toString('base64url');
    for (const NextToken of [forged, `${forged}.AAAAAAAAAAAAAAAAAAAAAA`]) {
      const e = await rejection(sendByName(mine, 'GetDatabases', { MaxResults: 1, NextToken }));
      expect(e.name).toBe('InvalidInputException');
    }
    const elsewhere = await rejection(sendByName(mine, 'GetTables', { DatabaseName: 'probe', NextToken: first.NextToken }));
    expect(elsewhere.message).toMatch(/not issued by this listing for this request/);
    const otherAccount = await rejection(sendByName(theirs, 'GetDatabases', { MaxResults: 1, NextToken: first.NextToken }));
    expect(otherAccount.name).toBe('InvalidInputException');
  });

  it('serves /metrics only with its bearer token', async () => {
    expect((await fetch(`${s.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${s.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const ok = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/^# HELP /m);
  });
});

describe('policies', () => {
  it('lets a read-only key read and refuses it everything else, in IAM words', async () => {
    const ro = client(READ_ONLY);
    expect((await sendByName(ro, 'GetDatabase', { Name: 'probe' })).Database.Name).toBe('probe');
    const e = await rejection(sendByName(ro, 'DeleteDatabase', { Name: 'probe' }));
    expect(e.name).toBe('AccessDeniedException');
    expect(e.message).toBe(
      `User: arn:aws:iam::123456789012:user/${READ_ONLY.id} is not authorized to perform: glue:DeleteDatabase on resource: arn:aws:glue:us-east-1:123456789012:catalog because no identity-based policy allows the glue:DeleteDatabase action`,
    );
    expect(
      (await rejection(sendByName(ro, 'CreateJob', { Name: 'j', Role: 'r', Command: { Name: 'glueetl', ScriptLocation: 's.sql' } }))).name,
    ).toBe('AccessDeniedException');
  });

  it('authorizes each table RunCatalogQuery reads as a GetTable of it', async () => {
    const credentials = { accessKeyId: ONE_TABLE.id, secretAccessKey: ONE_TABLE.secret };
    const q = (Sql: string) =>
      callRemote('RunCatalogQuery', { Sql }, { endpoint: s.url, region: 'us-east-1', credentials }).catch((e: unknown) => e) as Promise<{
        type?: string;
      }>;
    expect(await q('SELECT count(*) AS n FROM probe.leak2')).toMatchObject({
      type: 'AccessDeniedException',
      message: `User: arn:aws:iam::123456789012:user/${ONE_TABLE.id} is not authorized to perform: glue:GetTable on resource: arn:aws:glue:us-east-1:123456789012:table/probe/leak2 because no identity-based policy allows the glue:GetTable action`,
    });
    expect((await q('SELECT count(*) AS n FROM probe.leak'))?.type).not.toBe('AccessDeniedException');
  });

  it('refuses a key without policies everything', async () => {
    const e = await rejection(sendByName(client(NO_POLICY), 'GetDatabases', {}));
    expect(e.message).toMatch(/is not authorized to perform: glue:GetDatabases on resource: .* because no identity-based policy allows/);
  });

  it('lets an explicit deny win over AdministratorAccess', async () => {
    const k = client(NO_DROP);
    await sendByName(k, 'CreateDatabase', { DatabaseInput: { Name: 'keep_me' } });
    const e = await rejection(sendByName(k, 'DeleteDatabase', { Name: 'keep_me' }));
    expect(e.message).toBe(
      `User: arn:aws:iam::123456789012:user/${NO_DROP.id} is not authorized to perform: glue:DeleteDatabase on resource: arn:aws:glue:us-east-1:123456789012:database/keep_me with an explicit deny in an identity-based policy`,
    );
    await sendByName(k, 'CreateDatabase', { DatabaseInput: { Name: 'drop_me' } });
    await sendByName(k, 'DeleteDatabase', { Name: 'drop_me' });
  });

  it("grants another account's catalog through the catalog's resource policy only", async () => {
    await sendByName(mine, 'CreateDatabase', { DatabaseInput: { Name: 'shared' } });
    const get = () => sendByName(theirs, 'GetDatabase', { CatalogId: '123456789012', Name: 'shared' });
    expect((await rejection(get())).message).toMatch(/because no resource-based policy allows the glue:GetDatabase action$/);
    const policy = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT_KEY.accountId}:root` },
          Action: ['glue:GetDatabase', 'glue:GetTable*'],
          Resource: ['arn:aws:glue:us-east-1:123456789012:catalog', 'arn:aws:glue:us-east-1:123456789012:database/shared'],
        },
      ],
    };
    const { PolicyHash } = await sendByName(mine, 'PutResourcePolicy', { PolicyInJson: JSON.stringify(policy) });
    expect((await get()).Database.CatalogId).toBe('123456789012');
    // Only what the policy names: another database, or a write, stays refused.
    expect((await rejection(sendByName(theirs, 'GetDatabase', { CatalogId: '123456789012', Name: 'probe' }))).name).toBe(
      'AccessDeniedException',
    );
    expect((await rejection(sendByName(theirs, 'DeleteDatabase', { CatalogId: '123456789012', Name: 'shared' }))).name).toBe(
      'AccessDeniedException',
    );
    // The other account cannot put a policy on our catalog.
    expect(
      (
        await rejection(
          sendByName(theirs, 'PutResourcePolicy', {
            PolicyInJson: JSON.stringify(policy),
            ResourceArn: 'arn:aws:glue:us-east-1:123456789012:catalog',
          }),
        )
      ).name,
    ).toBe('AccessDeniedException');
    await sendByName(mine, 'DeleteResourcePolicy', { PolicyHashCondition: PolicyHash });
    expect((await rejection(get())).name).toBe('AccessDeniedException');
  });
});

describe('the audit trail', () => {
  it('records changes and refusals with principal, key, address, resources and request id; `sluice audit --verify` detects tampering', async () => {
    const ro = client(READ_ONLY);
    await rejection(sendByName(ro, 'DeleteDatabase', { Name: 'probe' }));
    await rejection(sendByName(client({ id: TEST_KEY.id, secret: 'wrong' }), 'DeleteTable', { DatabaseName: 'probe', Name: 'leak' }));
    await sendByName(mine, 'CreateDatabase', { DatabaseInput: { Name: 'audited' } });
    const { db } = s.sluice.services.store;
    const records = await readAudit(db);
    const denied = records.find((r) => r.operation === 'DeleteDatabase' && r.accessKey === READ_ONLY.id);
    expect(denied).toMatchObject({
      principal: `arn:aws:iam::123456789012:user/${READ_ONLY.id}`,
      sourceIp: '127.0.0.1',
      outcome: 'Denied',
      errorType: 'AccessDeniedException',
      resources: ['arn:aws:glue:us-east-1:123456789012:catalog', 'arn:aws:glue:us-east-1:123456789012:database/probe'],
    });
    expect(denied?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // A request whose signature failed: the key it claimed, no principal.
    const forged = records.find((r) => r.operation === 'DeleteTable' && r.errorType === 'InvalidSignatureException');
    expect(forged).toMatchObject({ accessKey: TEST_KEY.id, outcome: 'Denied' });
    expect(forged?.principal).toBeUndefined();
    expect(
      records.find((r) => r.operation === 'CreateDatabase' && r.resources.includes('arn:aws:glue:us-east-1:123456789012:database/audited'))
        ?.outcome,
    ).toBe('Allowed');
    // Reads that succeed are not recorded; refused ones are.
    expect(records.some((r) => r.operation === 'GetDatabase' && r.outcome === 'Allowed')).toBe(false);
    expect(records.some((r) => r.operation === 'GetDatabase' && r.outcome === 'Denied')).toBe(true);

    const verify = () => runCli(s.dir, ['audit', '--verify']);
    const ok = verify();
    expect(ok.stdout).toMatch(/^OK: \d+ records checked; head: record \d+, hash [0-9a-f]{64}\n$/);
    expect(ok.status).toBe(0);
    const listed = runCli(s.dir, ['audit', '--outcome', 'Denied', '--operation', 'DeleteDatabase']);
    expect(listed.stdout).toContain(`Denied   DeleteDatabase  arn:aws:iam::123456789012:user/${READ_ONLY.id}  127.0.0.1`);

    const seq = denied!.seq;
    await db
      .updateTable('audit_records')
      .set({ doc: JSON.stringify({ ...denied, outcome: 'Allowed' }) })
      .where('seq', '=', seq)
      .execute();
    const edited = verify();
    expect(edited.status).toBe(1);
    expect(edited.stderr).toContain(`record ${seq} was changed: its content does not match its hash`);
    await db.deleteFrom('audit_records').where('seq', '=', seq).execute();
    expect(verify().stderr).toContain(`record ${seq} is missing`);
  });
});
