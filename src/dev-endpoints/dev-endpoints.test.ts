// Dev endpoints through the registry: kept as given, READY, addressed at this machine, updated in place.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';

const ROLE = 'arn:aws:iam::123456789012:role/GlueDevEndpoint';
let p: TestProject;
const call = (op: string, input: unknown) => p.sluice.call(op, input);
beforeAll(async () => {
  p = await openTestProject('sqlite');
});
afterAll(async () => {
  await p?.cleanup();
});

describe('dev endpoints', () => {
  it('creates, reads, pages, updates and deletes them', async () => {
    const created = await call('CreateDevEndpoint', { EndpointName: 'pub', RoleArn: ROLE, PublicKey: 'ssh-rsa A', Tags: { t: '1' } });
    expect(created).toMatchObject({ EndpointName: 'pub', Status: 'READY', RoleArn: ROLE });
    await call('CreateDevEndpoint', { EndpointName: 'priv', RoleArn: ROLE, SubnetId: 'subnet-1' });
    await expectGlueError(call('CreateDevEndpoint', { EndpointName: 'pub', RoleArn: ROLE }), 'AlreadyExistsException');
    const pub = (await call('GetDevEndpoint', { EndpointName: 'pub' })).DevEndpoint;
    expect(pub).toMatchObject({ PublicAddress: '127.0.0.1', PublicKeys: ['ssh-rsa A'] });
    const priv = (await call('GetDevEndpoint', { EndpointName: 'priv' })).DevEndpoint;
    expect(priv.PrivateAddress).toBe('127.0.0.1');
    expect(priv.PublicAddress).toBeUndefined();

    const first = await call('GetDevEndpoints', { MaxResults: 1 });
    expect(first.DevEndpoints.map((e: { EndpointName: string }) => e.EndpointName)).toEqual(['priv']);
    const second = await call('GetDevEndpoints', { NextToken: first.NextToken });
    expect(second.DevEndpoints.map((e: { EndpointName: string }) => e.EndpointName)).toEqual(['pub']);
    expect(second.NextToken).toBeUndefined();
    expect((await call('ListDevEndpoints', { Tags: { t: '1' } })).DevEndpointNames).toEqual(['pub']);

    await call('UpdateDevEndpoint', {
      EndpointName: 'pub',
      AddPublicKeys: ['ssh-rsa B'],
      DeletePublicKeys: ['ssh-rsa A'],
      AddArguments: { '--a': '1', '--b': '2' },
      CustomLibraries: { ExtraJarsS3Path: 's3://libs/x.jar' },
    });
    await call('UpdateDevEndpoint', { EndpointName: 'pub', DeleteArguments: ['--a'] });
    expect((await call('GetDevEndpoint', { EndpointName: 'pub' })).DevEndpoint).toMatchObject({
      PublicKeys: ['ssh-rsa B'],
      Arguments: { '--b': '2' },
      ExtraJarsS3Path: 's3://libs/x.jar',
      LastUpdateStatus: 'COMPLETED',
    });
    expect((await call('GetTags', { ResourceArn: 'arn:aws:glue:us-east-1:123456789012:devEndpoint/pub' })).Tags).toEqual({ t: '1' });

    await call('DeleteDevEndpoint', { EndpointName: 'pub' });
    await expectGlueError(call('GetDevEndpoint', { EndpointName: 'pub' }), 'EntityNotFoundException', 'Dev endpoint pub not found.');
    await expectGlueError(call('DeleteDevEndpoint', { EndpointName: 'pub' }), 'EntityNotFoundException');
  });
});
