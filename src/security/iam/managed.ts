// The managed policies Sluice ships, named as AWS names them, so an access key in sluice.yaml can say
// `policies: [ReadOnlyAccess]`. Their statements cover what Sluice serves (glue:* and the s3:*
// actions a job run's role is checked with); they are not copies of AWS's much longer documents.
import type { PolicyDocument } from './policy.js';

const READ_ACTIONS = ['glue:Get*', 'glue:List*', 'glue:BatchGet*', 'glue:Search*', 'glue:RunCatalogQuery'];

export const MANAGED_POLICIES: Record<string, PolicyDocument> = {
  AdministratorAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  AWSGlueConsoleFullAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'glue:*', Resource: '*' }] },
  ReadOnlyAccess: {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'GlueRead', Effect: 'Allow', Action: READ_ACTIONS, Resource: '*' },
      { Sid: 'S3Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' },
    ],
  },
  AWSGlueServiceRole: {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Glue', Effect: 'Allow', Action: 'glue:*', Resource: '*' },
      { Sid: 'S3', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'], Resource: '*' },
    ],
  },
};

export const MANAGED_POLICY_NAMES = Object.keys(MANAGED_POLICIES);
