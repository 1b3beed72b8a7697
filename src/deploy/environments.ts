// The AWS environments a project deploys to (`sluice export terraform --env dev`, `sluice deploy
// --env dev`): each names the account, region, IAM role and buckets of one environment. Names are
// the user's own (dev, staging, prod, eu-prod …). Strict like the rest of sluice.yaml.
import { z } from 'zod';

const bucket = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name: 3–63 lower-case letters, digits, dots and hyphens');

export const environmentSchema = z
  .object({
    account: z.string().regex(/^\d{12}$/, 'an AWS account id has 12 digits'),
    region: z.string().min(1).describe('The AWS region, e.g. eu-west-1'),
    role: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)')
      .describe('The IAM role jobs and crawlers run as; replaces every Role the declarations give'),
    buckets: z
      .object({
        raw: bucket.describe('The bucket the raw zone maps to'),
        processed: bucket.describe('The bucket the processed zone maps to'),
        curated: bucket.describe('The bucket the curated zone maps to'),
        scripts: bucket.describe('Where job scripts, job sources and rule files are uploaded'),
      })
      .strict(),
    glueVersion: z.string().default('5.0').describe('GlueVersion of exported jobs that give none'),
    workerType: z.string().default('G.1X').describe('WorkerType of exported jobs that give none'),
    numberOfWorkers: z.number().int().positive().default(2).describe('NumberOfWorkers of exported jobs that give none'),
    tags: z.record(z.string(), z.string()).optional().describe('Tags on every exported resource that takes tags'),
  })
  .strict();

export const environmentsShape = {
  environments: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'an environment name: a letter, then letters, digits, _ or -'), environmentSchema)
    .optional()
    .describe('AWS environments to export and deploy the pipeline to (`--env NAME`)'),
};

export type Environment = z.infer<typeof environmentSchema>;
