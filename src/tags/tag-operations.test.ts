import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import { glueArn, parseGlueArn } from '../kernel/arn.js';

const ACCOUNT = '123456789012';
const arn = (resource: string) => `arn:aws:glue:us-east-1:${ACCOUNT}:${resource}`;

describe('TagResource, UntagResource, GetTags', () => {
  let p: TestProject;
  const call = (op: string, input: unknown) => p.sluice.call(op, input);
  beforeAll(async () => {
    p = await openTestProject();
    await call('CreateDatabase', { DatabaseInput: { Name: 'Sales' }, Tags: { team: 'finance' } });
    await call('CreateTable', { DatabaseName: 'sales', TableInput: { Name: 'Orders' } });
    await call('CreateConnection', { ConnectionInput: { Name: 'pg', ConnectionType: 'JDBC', ConnectionProperties: {} } });
  });
  afterAll(async () => p?.cleanup());

  it('reads the Tags given to Create*, and merges, replaces and removes tags', async () => {
    expect(await call('GetTags', { ResourceArn: arn('database/sales') })).toEqual({ Tags: { team: 'finance' } });
    await call('TagResource', { ResourceArn: arn('database/sales'), TagsToAdd: { team: 'sales-ops', tier: 'gold' } });
    expect((await call('GetTags', { ResourceArn: arn('database/sales') })).Tags).toEqual({ team: 'sales-ops', tier: 'gold' });
    await call('UntagResource', { ResourceArn: arn('database/sales'), TagsToRemove: ['team', 'not-there'] });
    expect((await call('GetTags', { ResourceArn: arn('database/sales') })).Tags).toEqual({ tier: 'gold' });
  });

  it('finds catalog resources however their names are cased, and keeps tags per resource', async () => {
    await call('TagResource', { ResourceArn: arn('table/SALES/Orders'), TagsToAdd: { pii: 'no' } });
    expect((await call('GetTags', { ResourceArn: arn('table/sales/orders') })).Tags).toEqual({ pii: 'no' });
    await call('TagResource', { ResourceArn: arn('connection/pg'), TagsToAdd: { env: 'dev' } });
    expect((await call('GetTags', { ResourceArn: arn('connection/pg') })).Tags).toEqual({ env: 'dev' });
    expect((await call('GetTags', { ResourceArn: arn('database/sales') })).Tags).toEqual({ tier: 'gold' });
  });

  it("reads an ARN with an empty account as the caller's, as the Terraform provider sends it", async () => {
    await call('TagResource', { ResourceArn: 'arn:aws:glue:us-east-1::workflow/w-empty', TagsToAdd: { tf: 'yes' } });
    expect((await call('GetTags', { ResourceArn: arn('workflow/w-empty') })).Tags).toEqual({ tf: 'yes' });
    expect((await call('GetTags', { ResourceArn: 'arn:aws:glue:us-east-1::database/sales' })).Tags).toEqual({ tier: 'gold' });
    expect(parseGlueArn('arn:aws:glue:us-east-1::job/j', ACCOUNT).account).toBe(ACCOUNT);
  });

  it('answers EntityNotFoundException for catalog resources that do not exist', async () => {
    await expectGlueError(call('GetTags', { ResourceArn: arn('database/nope') }), 'EntityNotFoundException', 'Database nope not found.');
    await expectGlueError(
      call('TagResource', { ResourceArn: arn('table/sales/nope'), TagsToAdd: { a: 'b' } }),
      'EntityNotFoundException',
      'Table nope not found.',
    );
    await expectGlueError(call('UntagResource', { ResourceArn: arn('connection/nope'), TagsToRemove: ['a'] }), 'EntityNotFoundException');
  });

  it('checks that a crawler exists, and accepts well-formed ARNs of jobs, triggers, workflows and rulesets', async () => {
    await expectGlueError(call('GetTags', { ResourceArn: arn('crawler/c1') }), 'EntityNotFoundException', 'Crawler c1 not found.');
    await call('CreateCrawler', { Name: 'c1', Role: 'r', Targets: {} });
    for (const r of ['crawler/c1', 'job/j1', 'trigger/t1', 'workflow/w1', 'dataQualityRuleset/r1']) {
      await call('TagResource', { ResourceArn: arn(r), TagsToAdd: { owner: r } });
      expect((await call('GetTags', { ResourceArn: arn(r) })).Tags).toEqual({ owner: r });
    }
  });

  it('rejects malformed ARNs, reserved keys and more than 50 tags with InvalidInputException', async () => {
    for (const bad of ['database/sales', 'arn:aws:s3:::bucket']) {
      // Not a Glue ARN at all: the model's pattern refuses it.
      await expectGlueError(call('GetTags', { ResourceArn: bad }), 'ValidationException', /regular expression pattern: arn:aws/);
    }
    for (const bad of [arn('blueprint/x'), arn('table/only-db'), arn('database/')]) {
      await expectGlueError(call('GetTags', { ResourceArn: bad }), 'InvalidInputException', /Invalid resource ARN/);
    }
    await expectGlueError(
      call('TagResource', { ResourceArn: arn('job/j1'), TagsToAdd: { 'aws:owner': 'x' } }),
      'InvalidInputException',
      /reserved/,
    );
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    await expectGlueError(call('TagResource', { ResourceArn: arn('job/j1'), TagsToAdd: many }), 'InvalidInputException', /at most 50 tags/);
  });

  it('builds and parses ARNs in Glue formats', () => {
    expect(glueArn({ region: 'eu-west-1', accountId: ACCOUNT }, 'table', 'Sales', 'Orders')).toBe(
      'arn:aws:glue:eu-west-1:123456789012:table/sales/orders',
    );
    expect(glueArn({ region: 'eu-west-1', accountId: ACCOUNT }, 'dataQualityRuleset', 'MyRules')).toBe(
      'arn:aws:glue:eu-west-1:123456789012:dataQualityRuleset/MyRules',
    );
    expect(parseGlueArn('arn:aws:glue:us-east-1:123456789012:crawler/raw-orders')).toEqual({
      region: 'us-east-1',
      account: ACCOUNT,
      type: 'crawler',
      names: ['raw-orders'],
    });
  });
});
