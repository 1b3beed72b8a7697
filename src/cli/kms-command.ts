// `sluice kms create|list|rotate|describe`: the project's local key service (security/kms/). Works
// on the project's key file directly, as KMS keys are the project's, not the server's.
import type { Command } from 'commander';
import { loadProject } from '../config/project.js';
import { keyRing, type KmsKey } from '../security/kms/index.js';
import { reportError } from './output.js';

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

/** KMS's DescribeKey shape (KeyMetadata), plus the key's versions. */
const metadata = (k: KmsKey) => ({
  KeyId: k.KeyId,
  Arn: k.Arn,
  Description: k.Description,
  CreationDate: k.CreationDate,
  Enabled: true,
  KeyState: 'Enabled',
  KeyUsage: 'ENCRYPT_DECRYPT',
  KeySpec: 'SYMMETRIC_DEFAULT',
  Aliases: k.Aliases,
  CurrentVersion: k.Versions[k.Versions.length - 1].version,
  Versions: k.Versions.map((v) => ({ Version: v.version, CreationDate: v.created })),
});

function withRing(fn: (ring: ReturnType<typeof keyRing>) => void): void {
  try {
    const { root, config } = loadProject();
    fn(keyRing(root, config));
  } catch (err) {
    process.exitCode = reportError(err);
  }
}

export function registerKmsCommand(program: Command): void {
  const kms = program.command('kms').description('The local key service: KMS keys derived from kms.masterKey in sluice.yaml');
  kms
    .command('create')
    .description('Create a KMS key (print its KeyMetadata)')
    .option('--description <text>', 'what the key is for')
    .option('--alias <alias/name>', 'a name to refer to the key by, e.g. alias/lake')
    .action((flags: { description?: string; alias?: string }) =>
      withRing((ring) => print({ KeyMetadata: metadata(ring.create({ description: flags.description, alias: flags.alias })) })),
    );
  kms
    .command('list')
    .description('List the keys (id, ARN, aliases, current version)')
    .option('--json', 'print KeyMetadata as JSON')
    .action((flags: { json?: boolean }) =>
      withRing((ring) => {
        const keys = ring.list().map(metadata);
        if (flags.json) return print({ Keys: keys });
        for (const k of keys) process.stdout.write(`${k.Arn}  v${k.CurrentVersion}  ${k.Aliases.join(',')}  ${k.Description}\n`);
      }),
    );
  kms
    .command('rotate <key>')
    .description('Add a key version that new data is sealed with; data sealed before stays readable')
    .action((key: string) => withRing((ring) => print({ KeyMetadata: metadata(ring.rotate(key)) })));
  kms
    .command('describe <key>')
    .description('Show one key (by id, ARN or alias)')
    .action((key: string) => withRing((ring) => print({ KeyMetadata: metadata(ring.describe(key)) })));
}
