// `sluice deploy --target aws`: the bundle made so in an AWS account (or any Glue endpoint) through
// the AWS SDK. The plan compares each resource with what the account has (only the fields the
// bundle states, as `sluice plan` does) and each script with its object's ETag (the MD5 of a
// single-part upload). What a deploy created is recorded in the scripts bucket
// (sluice/state/<project>/<env>.json), so a later deploy deletes what is no longer declared and
// never touches what it did not create. Deploying twice changes nothing.
import { createHash } from 'node:crypto';
import * as GlueSdk from '@aws-sdk/client-glue';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { changedFields, type FieldChange } from '../../workflows/pipeline/compare.js';
import { DEPLOY_KINDS, LABEL, type Bundle, type DeployKind, type Resource, type ScriptFile } from '../kinds.js';
import { AWS_KINDS, type AwsCall } from './resources.js';

export interface AwsTarget {
  glue: GlueSdk.GlueClient;
  s3: S3Client;
  bucket: string;
  stateKey: string;
}

export interface DeployChange {
  kind: DeployKind | 'files';
  name: string;
  action: 'create' | 'update' | 'replace' | 'delete' | 'unchanged';
  fields: FieldChange[];
  resource?: Resource;
  file?: ScriptFile;
}

export function sdkCall(glue: GlueSdk.GlueClient): AwsCall {
  return async (operation, input) => {
    // Every Glue operation is a Command class named after it; the bundle names operations, not classes.
    const Command = (GlueSdk as unknown as Record<string, (new (input: unknown) => GlueSdk.GetJobCommand) | undefined>)[
      `${operation}Command`
    ];
    if (!Command) throw new Error(`the AWS SDK has no Glue operation ${operation}`);
    return glue.send(new Command(input));
  };
}

const md5 = (s: string) => createHash('md5').update(s).digest('hex');
const notFound = (e: { name?: string; $metadata?: { httpStatusCode?: number } }) =>
  e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;

async function readState(t: AwsTarget): Promise<{ kind: DeployKind; name: string }[]> {
  try {
    const o = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: t.stateKey }));
    return JSON.parse(await o.Body!.transformToString()).resources ?? [];
  } catch (e) {
    if (notFound(e as never)) return [];
    throw e;
  }
}

export async function planDeploy(bundle: Bundle, t: AwsTarget): Promise<DeployChange[]> {
  const call = sdkCall(t.glue);
  const out: DeployChange[] = [];
  for (const file of bundle.files) {
    const etag = await t.s3.send(new HeadObjectCommand({ Bucket: t.bucket, Key: file.key })).then(
      (h) => h.ETag?.replace(/"/g, ''),
      (e) => (notFound(e) ? undefined : Promise.reject(e)),
    );
    out.push({
      kind: 'files',
      name: file.key,
      action: etag === undefined ? 'create' : etag === md5(file.body) ? 'unchanged' : 'update',
      fields: [],
      file,
    });
  }
  for (const r of bundle.resources) {
    const kind = AWS_KINDS[r.kind];
    const current = await kind.read(call, r);
    if (!current) {
      out.push({ kind: r.kind, name: r.name, action: 'create', fields: [], resource: r });
      continue;
    }
    const fields = changedFields(kind.desired(r), current);
    const replace = fields.length > 0 && (!kind.update || fields.some((f) => kind.replaceOn?.includes(f.field)));
    out.push({ kind: r.kind, name: r.name, action: replace ? 'replace' : fields.length ? 'update' : 'unchanged', fields, resource: r });
  }
  const wanted = new Set(bundle.resources.map((r) => `${r.kind}/${r.name}`));
  for (const s of await readState(t)) {
    if (wanted.has(`${s.kind}/${s.name}`)) continue;
    const exists = await AWS_KINDS[s.kind].read(call, { kind: s.kind, name: s.name, request: {} });
    if (exists) out.push({ kind: s.kind, name: s.name, action: 'delete', fields: [] });
  }
  return out;
}

const show = (v: unknown) => (v === undefined ? '(unset)' : JSON.stringify(v).slice(0, 120));
const SIGN = { create: '+', update: '~', replace: '-/+', delete: '-', unchanged: ' ' } as const;

export function formatDeployPlan(changes: DeployChange[]): string {
  const lines: string[] = [];
  for (const c of changes.filter((x) => x.action !== 'unchanged')) {
    const what = c.kind === 'files' ? 's3 object' : LABEL[c.kind];
    lines.push(`  ${SIGN[c.action].padStart(3)} ${what} ${c.name}${c.action === 'replace' ? ' (must be replaced)' : ''}`);
    for (const f of c.fields) lines.push(`        ${f.field}: ${show(f.from)} → ${show(f.to)}`);
  }
  const n = (a: DeployChange['action']) => changes.filter((c) => c.action === a).length;
  if (!lines.length) return `No changes. The account matches the pipeline (${n('unchanged')} resources and files).\n`;
  return `${lines.join('\n')}\n\nPlan: ${n('create')} to add, ${n('update')} to change, ${n('replace')} to replace, ${n('delete')} to destroy (${n('unchanged')} unchanged).\n`;
}

/** Makes the plan so: scripts first, deletions in reverse order, then creates and changes in order. */
export async function applyDeploy(changes: DeployChange[], bundle: Bundle, t: AwsTarget, log: (line: string) => void): Promise<void> {
  const call = sdkCall(t.glue);
  for (const c of changes.filter((x) => x.kind === 'files' && x.action !== 'unchanged')) {
    await t.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: c.file!.key, Body: c.file!.body }));
    log(`uploaded s3://${t.bucket}/${c.name}`);
  }
  const rank = (c: DeployChange) => DEPLOY_KINDS.indexOf(c.kind as DeployKind);
  const glue = changes.filter((c) => c.kind !== 'files');
  const deletes = glue.filter((c) => c.action === 'delete').sort((a, b) => rank(b) - rank(a));
  const rest = glue.filter((c) => c.action !== 'delete' && c.action !== 'unchanged').sort((a, b) => rank(a) - rank(b));
  for (const c of [...deletes, ...rest]) {
    const kind = AWS_KINDS[c.kind as DeployKind];
    const what = `${LABEL[c.kind as DeployKind]} ${c.name}`;
    try {
      if (c.action === 'delete') await kind.remove(call, c);
      else if (c.action === 'create') await kind.create(call, c.resource!);
      else if (c.action === 'update') await kind.update!(call, c.resource!);
      else {
        await kind.remove(call, c);
        await kind.create(call, c.resource!);
      }
    } catch (e) {
      (e as Error).message = `${what} (${c.action}): ${(e as Error).message}`;
      throw e;
    }
    log(
      `${c.action === 'delete' ? 'deleted' : c.action === 'create' ? 'created' : c.action === 'update' ? 'updated' : 'replaced'} ${what}`,
    );
  }
  const state = { resources: bundle.resources.map((r) => ({ kind: r.kind, name: r.name })) };
  await t.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: t.stateKey, Body: JSON.stringify(state, null, 2) }));
}
