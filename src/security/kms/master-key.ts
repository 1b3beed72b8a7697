// Reading the master key: 32 bytes given as 64 hex characters or as base64, from an environment
// variable or a file (relative paths are the project's). Read when a key is first used, so a project
// without encryption never needs one.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { invalidInput } from '../../kernel/errors.js';
import type { KmsConfig } from './config.js';

export function readMasterKey(root: string, ref: KmsConfig['masterKey']): Buffer {
  let text: string;
  let where: string;
  if ('env' in ref) {
    where = `environment variable ${ref.env}`;
    const v = process.env[ref.env];
    if (v === undefined) throw invalidInput(`kms.masterKey refers to ${where}, which is not set`);
    text = v;
  } else {
    const path = resolve(root, ref.file);
    where = `file ${path}`;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw invalidInput(`kms.masterKey refers to ${where}, which cannot be read: ${(e as Error).message}`);
    }
  }
  const key = parseKey(text.trim());
  if (!key)
    throw invalidInput(
      `kms.masterKey (${where}) must hold 32 bytes as 64 hex characters or as base64; create one with: openssl rand -hex 32`,
    );
  return key;
}

function parseKey(text: string): Buffer | undefined {
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) {
    const b = Buffer.from(text, 'base64');
    if (b.length === 32) return b;
  }
  return undefined;
}
