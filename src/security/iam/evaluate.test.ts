// IAM evaluation, table-driven: each row is a policy set, a request, and the decision IAM makes.
import { describe, expect, it } from 'vitest';
import { compilePolicy, type PolicyDocument } from './policy.js';
import { deniedMessage, evaluate, type AccessRequest, type Decision } from './evaluate.js';
import { MANAGED_POLICIES } from './managed.js';

const A = '111111111111';
const B = '222222222222';
const alice = { arn: `arn:aws:iam::${A}:user/alice`, accountId: A };
const bob = { arn: `arn:aws:iam::${B}:user/bob`, accountId: B };
const table = (account: string, db = 'sales', t = 'orders') => [
  `arn:aws:glue:us-east-1:${account}:catalog`,
  `arn:aws:glue:us-east-1:${account}:database/${db}`,
  `arn:aws:glue:us-east-1:${account}:table/${db}/${t}`,
];

const allow = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource, ...extra }],
});
const deny = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'NoDrop', Effect: 'Deny', Action, Resource, ...extra }],
});

interface Row {
  name: string;
  policies: PolicyDocument[];
  action: string;
  resources?: string[];
  caller?: typeof alice;
  ip?: string;
  resourcePolicy?: { owner: string; doc: PolicyDocument };
  expect: Decision['allowed'] | 'identity-deny' | 'identity-no-allow' | 'resource-deny' | 'resource-no-allow';
}

const rows: Row[] = [
  { name: 'an allow of the action', policies: [allow('glue:GetTable')], action: 'glue:GetTable', expect: true },
  { name: 'no policy at all', policies: [], action: 'glue:GetTable', expect: 'identity-no-allow' },
  { name: 'an allow of another action', policies: [allow('glue:GetDatabase')], action: 'glue:GetTable', expect: 'identity-no-allow' },
  { name: 'a wildcard action', policies: [allow('glue:Get*')], action: 'glue:GetTable', expect: true },
  { name: 'wildcard actions are case-insensitive', policies: [allow('GLUE:get*')], action: 'glue:GetTable', expect: true },
  { name: 'a wildcard that does not match', policies: [allow('glue:Get*')], action: 'glue:DeleteTable', expect: 'identity-no-allow' },
  { name: '? matches one character', policies: [allow('glue:GetTabl?')], action: 'glue:GetTable', expect: true },
  {
    name: 'explicit deny wins over an allow',
    policies: [allow('glue:*'), deny('glue:Delete*')],
    action: 'glue:DeleteTable',
    expect: 'identity-deny',
  },
  {
    name: 'a deny of another resource leaves the allow',
    policies: [allow('glue:*'), deny('glue:*', `arn:aws:glue:us-east-1:${A}:table/hr/*`)],
    action: 'glue:DeleteTable',
    expect: true,
  },
  {
    name: 'a deny of the table by wildcard resource',
    policies: [allow('glue:*'), deny('glue:*', `arn:aws:glue:*:${A}:table/sales/*`)],
    action: 'glue:GetTable',
    expect: 'identity-deny',
  },
  {
    name: 'resources must each be allowed: the table but not its database',
    policies: [allow('glue:GetTable', [table(A)[0], table(A)[2]])],
    action: 'glue:GetTable',
    expect: 'identity-no-allow',
  },
  {
    name: 'catalog, database and table allowed by wildcards',
    policies: [
      allow('glue:GetTable', [
        `arn:aws:glue:us-east-1:${A}:catalog`,
        `arn:aws:glue:us-east-1:${A}:database/sal*`,
        `arn:aws:glue:us-east-1:${A}:table/sales/*`,
      ]),
    ],
    action: 'glue:GetTable',
    expect: true,
  },
  {
    name: 'ARNs are case-sensitive',
    policies: [allow('glue:GetTable', `arn:aws:glue:us-east-1:${A}:*/SALES*`)],
    action: 'glue:GetTable',
    expect: 'identity-no-allow',
  },
  {
    name: 'NotAction allows everything else',
    policies: [{ Statement: { Effect: 'Allow', NotAction: 'glue:Delete*', Resource: '*' } }],
    action: 'glue:GetTable',
    expect: true,
  },
  {
    name: 'NotAction excludes',
    policies: [{ Statement: { Effect: 'Allow', NotAction: 'glue:Delete*', Resource: '*' } }],
    action: 'glue:DeleteTable',
    expect: 'identity-no-allow',
  },
  {
    name: 'NotResource',
    policies: [{ Statement: { Effect: 'Allow', Action: 'glue:*', NotResource: `arn:aws:glue:us-east-1:${A}:table/sales/orders` } }],
    action: 'glue:GetTable',
    expect: 'identity-no-allow',
  },
  {
    name: 'IpAddress condition met',
    policies: [allow('glue:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '127.0.0.1/32'] } } })],
    action: 'glue:GetTable',
    ip: '127.0.0.1',
    expect: true,
  },
  {
    name: 'IpAddress condition not met',
    policies: [allow('glue:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } })],
    action: 'glue:GetTable',
    ip: '192.168.1.4',
    expect: 'identity-no-allow',
  },
  {
    name: 'IPv4-mapped IPv6 source addresses match IPv4 blocks',
    policies: [allow('glue:*', '*', { Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } } })],
    action: 'glue:GetTable',
    ip: '::ffff:127.0.0.1',
    expect: true,
  },
  {
    name: 'NotIpAddress deny from outside the office',
    policies: [allow('glue:*'), deny('glue:*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': '10.1.0.0/16' } } })],
    action: 'glue:GetTable',
    ip: '10.2.0.1',
    expect: 'identity-deny',
  },
  {
    name: 'StringEquals on the principal account',
    policies: [allow('glue:*', '*', { Condition: { StringEquals: { 'aws:PrincipalAccount': A } } })],
    action: 'glue:GetTable',
    expect: true,
  },
  {
    name: 'StringLike on the user name',
    policies: [allow('glue:*', '*', { Condition: { StringLike: { 'aws:username': 'bo*' } } })],
    action: 'glue:GetTable',
    expect: 'identity-no-allow',
  },
  {
    name: 'a missing key fails StringEquals and passes ...IfExists',
    policies: [
      allow('glue:GetTable', '*', { Condition: { StringEquals: { 'glue:missing': 'x' } } }),
      allow('glue:GetDatabase', '*', { Condition: { StringEqualsIfExists: { 'glue:missing': 'x' } } }),
    ],
    action: 'glue:GetTable',
    expect: 'identity-no-allow',
  },
  { name: 'ReadOnlyAccess reads', policies: [MANAGED_POLICIES.ReadOnlyAccess], action: 'glue:GetTable', expect: true },
  {
    name: 'ReadOnlyAccess does not delete',
    policies: [MANAGED_POLICIES.ReadOnlyAccess],
    action: 'glue:DeleteTable',
    expect: 'identity-no-allow',
  },
  {
    name: 'another account: identity allows, no resource policy',
    policies: [MANAGED_POLICIES.AdministratorAccess],
    caller: bob,
    action: 'glue:GetTable',
    expect: 'resource-no-allow',
  },
  {
    name: 'another account: both allow',
    policies: [allow('glue:GetTable')],
    caller: bob,
    resourcePolicy: {
      owner: A,
      doc: {
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${B}:root` }, Action: 'glue:Get*', Resource: `arn:aws:glue:us-east-1:${A}:*` },
        ],
      },
    },
    action: 'glue:GetTable',
    expect: true,
  },
  {
    name: 'another account: the resource policy allows, the identity does not',
    policies: [],
    caller: bob,
    resourcePolicy: { owner: A, doc: { Statement: [{ Effect: 'Allow', Principal: { AWS: B }, Action: 'glue:*', Resource: '*' }] } },
    action: 'glue:GetTable',
    expect: 'identity-no-allow',
  },
  {
    name: 'another account: the resource policy names someone else',
    policies: [allow('glue:*')],
    caller: bob,
    resourcePolicy: {
      owner: A,
      doc: { Statement: [{ Effect: 'Allow', Principal: { AWS: '333333333333' }, Action: 'glue:*', Resource: '*' }] },
    },
    action: 'glue:GetTable',
    expect: 'resource-no-allow',
  },
  {
    name: 'another account: the resource policy denies',
    policies: [allow('glue:*')],
    caller: bob,
    resourcePolicy: {
      owner: A,
      doc: {
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 'glue:*', Resource: '*' },
          { Effect: 'Deny', Principal: { AWS: bob.arn }, Action: 'glue:GetTable', Resource: '*' },
        ],
      },
    },
    action: 'glue:GetTable',
    expect: 'resource-deny',
  },
  {
    name: 'same account: a resource policy allow suffices without an identity allow',
    policies: [],
    resourcePolicy: {
      owner: A,
      doc: { Statement: [{ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'glue:GetTable', Resource: '*' }] },
    },
    action: 'glue:GetTable',
    expect: true,
  },
];

describe('IAM policy evaluation', () => {
  it.each(rows)('$name', (row) => {
    const caller = row.caller ?? alice;
    const req: AccessRequest = {
      caller,
      action: row.action,
      resources: row.resources ?? table(A),
      context: new Map([
        ['aws:sourceip', row.ip ?? '127.0.0.1'],
        ['aws:principalaccount', caller.accountId],
        ['aws:username', caller.arn.split('/')[1]],
      ]),
    };
    const policies = row.policies.map((p, i) => compilePolicy(`p${i}`, p));
    const rp = row.resourcePolicy && { ownerAccountId: row.resourcePolicy.owner, policy: compilePolicy('rp', row.resourcePolicy.doc) };
    const d = evaluate(policies, req, rp);
    expect(d.allowed ? true : d.reason).toBe(row.expect);
  });

  it("says why in IAM's words, naming the resource", () => {
    const req: AccessRequest = { caller: alice, action: 'glue:DeleteDatabase', resources: table(A).slice(0, 2), context: new Map() };
    const none = evaluate([compilePolicy('ro', MANAGED_POLICIES.ReadOnlyAccess)], req);
    expect(!none.allowed && deniedMessage(req, none)).toBe(
      `User: ${alice.arn} is not authorized to perform: glue:DeleteDatabase on resource: arn:aws:glue:us-east-1:${A}:catalog because no identity-based policy allows the glue:DeleteDatabase action`,
    );
    const denied = evaluate(
      [compilePolicy('admin', MANAGED_POLICIES.AdministratorAccess), compilePolicy('guard', deny('glue:Delete*'))],
      req,
    );
    expect(!denied.allowed && deniedMessage(req, denied)).toMatch(/with an explicit deny in an identity-based policy$/);
    expect(!denied.allowed && denied.statement).toBe('guard statement 1 (Sid NoDrop)');
  });

  it('refuses at declaration what it cannot evaluate', () => {
    expect(() =>
      compilePolicy('x', { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { ForAnyValue: { k: 'v' } } }] }),
    ).toThrow(/operator ForAnyValue is not supported/);
    expect(() =>
      compilePolicy('x', {
        Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { 'ForAllValues:StringEquals': { k: 'v' } } }],
      }),
    ).toThrow(/set operators/);
    expect(() => compilePolicy('x', { Statement: [{ Effect: 'Maybe', Action: '*' }] })).toThrow(
      /Policy x is not a valid IAM policy document: Statement/,
    );
    expect(() => compilePolicy('x', { Statement: [{ Effect: 'Allow', Resource: '*' }] })).toThrow(/exactly one of Action or NotAction/);
    expect(() => compilePolicy('x', '{not json')).toThrow(/Policy x is not valid JSON/);
    expect(() => compilePolicy('x', allow('*', '*', { Condition: { IpAddress: { 'aws:SourceIp': 'ten' } } }))).toThrow(
      /'ten' is not an IP address/,
    );
  });
});
