// The local secrets store: Secrets Manager's model on one machine, for connections' SECRET_ID. Each
// secret's value is sealed under a KMS key of the local key service (alias/aws/secretsmanager unless
// another is given), in .sluice/secrets.json; names and ARNs stay readable, values never do.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { invalidInput, notFound } from '../../kernel/errors.js';
import type { KeyRing } from '../kms/key-ring.js';
import { openText, sealText } from '../encryption/sealed-text.js';

export interface StoredSecret {
  Name: string;
  ARN: string;
  KmsKeyId: string;
  CreatedDate: string;
  LastChangedDate: string;
  /** The value, sealed (encryption/sealed-text.ts). */
  sealed: string;
}

export const SECRETS_MANAGER_KEY = 'alias/aws/secretsmanager';

export class SecretStore {
  private readonly file: string;

  constructor(
    root: string,
    private readonly ring: () => KeyRing,
    private readonly where: { region: string; accountId: string },
  ) {
    this.file = join(root, '.sluice', 'secrets.json');
  }

  list(): Omit<StoredSecret, 'sealed'>[] {
    return this.read().map(({ sealed: _s, ...meta }) => meta);
  }

  find(ref: string): StoredSecret | undefined {
    return this.read().find((s) => s.Name === ref || s.ARN === ref);
  }

  /** Creates the secret or gives it a new value (keeping its ARN), sealed under kmsKeyId. */
  put(name: string, value: string, kmsKeyId?: string): Omit<StoredSecret, 'sealed'> {
    if (!/^[A-Za-z0-9/_+=.@-]{1,512}$/.test(name))
      throw invalidInput(`Secret name ${name} may hold only letters, digits and /_+=.@- (1 to 512 characters)`);
    const ring = this.ring();
    const key = kmsKeyId ?? ring.ensureAlias(SECRETS_MANAGER_KEY, 'Sluice key for the local secrets store').Arn;
    const now = new Date().toISOString();
    const all = this.read();
    const old = all.find((s) => s.Name === name);
    const suffix = randomBytes(3).toString('hex');
    const secret: StoredSecret = {
      Name: name,
      ARN: old?.ARN ?? `arn:aws:secretsmanager:${this.where.region}:${this.where.accountId}:secret:${name}-${suffix}`,
      KmsKeyId: ring.describe(key).Arn,
      CreatedDate: old?.CreatedDate ?? now,
      LastChangedDate: now,
      sealed: sealText(ring, key, value),
    };
    this.write([...all.filter((s) => s.Name !== name), secret].sort((a, b) => a.Name.localeCompare(b.Name)));
    const { sealed: _s, ...meta } = secret;
    return meta;
  }

  /** The secret's value; throws EntityNotFoundException naming the reference. */
  value(ref: string): string {
    const s = this.find(ref);
    if (!s) throw notFound(`Secret ${ref} is not in the local secrets store (sluice secrets list shows what is)`);
    return openText(this.ring(), s.sealed, `secret ${s.Name}`);
  }

  delete(ref: string): void {
    const all = this.read();
    if (!all.some((s) => s.Name === ref || s.ARN === ref)) throw notFound(`Secret ${ref} is not in the local secrets store`);
    this.write(all.filter((s) => s.Name !== ref && s.ARN !== ref));
  }

  private read(): StoredSecret[] {
    return existsSync(this.file) ? (JSON.parse(readFileSync(this.file, 'utf8')) as { secrets: StoredSecret[] }).secrets : [];
  }

  private write(secrets: StoredSecret[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${randomUUID()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ secrets }, null, 2), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
