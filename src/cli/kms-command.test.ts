// `sluice kms` as a person runs it: create, list, rotate, and the errors for a missing master key or key.
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/helpers/cli.js';
import { initProject } from '../config/project.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-kms-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sluice kms', () => {
  it('creates, lists and rotates keys, and says what is missing', () => {
    initProject(dir);
    const none = runCli(dir, ['kms', 'create']);
    expect(none.status).not.toBe(0);
    expect(none.stderr).toContain('Cannot create a KMS key: sluice.yaml has no kms.masterKey');
    appendFileSync(join(dir, 'sluice.yaml'), 'kms:\n  masterKey: { env: SLUICE_TEST_KMS_MASTER }\n');
    const env = { SLUICE_TEST_KMS_MASTER: randomBytes(32).toString('hex') };
    const created = runCli(dir, ['kms', 'create', '--alias', 'alias/lake', '--description', 'the lake'], env);
    expect(created.stderr).toBe('');
    const key = JSON.parse(created.stdout).KeyMetadata;
    expect(key.Arn).toMatch(/^arn:aws:kms:us-east-1:123456789012:key\//);
    expect(key).toMatchObject({ Aliases: ['alias/lake'], Description: 'the lake', CurrentVersion: 1 });
    expect(JSON.parse(runCli(dir, ['kms', 'rotate', 'alias/lake'], env).stdout).KeyMetadata.CurrentVersion).toBe(2);
    expect(runCli(dir, ['kms', 'list'], env).stdout).toContain(`${key.Arn}  v2  alias/lake  the lake`);
    const wrong = runCli(dir, ['kms', 'rotate', key.KeyId], { SLUICE_TEST_KMS_MASTER: randomBytes(32).toString('hex') });
    expect(wrong.stderr).toContain(`Cannot use KMS key ${key.Arn}: the configured kms.masterKey is not the one`);
    const missing = runCli(dir, ['kms', 'rotate', 'alias/nope'], env);
    expect(missing.stderr).toContain('KMS key alias/nope does not exist');
  });
});
