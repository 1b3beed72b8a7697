// `sluice secrets put|list|delete`: the local secrets store that connections' SECRET_ID names
// (security/secrets/). Values are read from an environment variable or standard input, never from
// the command line, where they would land in the shell's history.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadProject } from '../config/project.js';
import { invalidInput } from '../kernel/errors.js';
import { secretStore, type SecretStore } from '../security/secrets/index.js';
import { reportError } from './output.js';

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

function withStore(fn: (store: SecretStore) => void): void {
  try {
    const { root, config } = loadProject();
    fn(secretStore(root, config));
  } catch (err) {
    process.exitCode = reportError(err);
  }
}

export function registerSecretsCommand(program: Command): void {
  const secrets = program.command('secrets').description('The local secrets store: values sealed under a KMS key, named by SECRET_ID');
  secrets
    .command('put <name>')
    .description('Create a secret or give it a new value, e.g. {"username":"etl","password":"…"}')
    .option('--from-env <VAR>', 'take the value from this environment variable')
    .option('--stdin', 'read the value from standard input')
    .option('--kms-key-id <key>', 'seal it under this KMS key (default alias/aws/secretsmanager)')
    .action((name: string, o: { fromEnv?: string; stdin?: boolean; kmsKeyId?: string }) =>
      withStore((store) => {
        if (!o.fromEnv === !o.stdin) throw invalidInput('Give the value with exactly one of --from-env VAR or --stdin');
        const value = o.fromEnv ? process.env[o.fromEnv] : readFileSync(0, 'utf8').replace(/\n$/, '');
        if (value === undefined) throw invalidInput(`Environment variable ${o.fromEnv} is not set`);
        const { ARN, Name } = store.put(name, value, o.kmsKeyId);
        print({ ARN, Name });
      }),
    );
  secrets
    .command('list')
    .description('Names, ARNs and keys of the secrets (never their values)')
    .action(() => withStore((store) => print({ SecretList: store.list() })));
  secrets
    .command('delete <name>')
    .description('Remove a secret')
    .action((name: string) => withStore((store) => store.delete(name)));
}
