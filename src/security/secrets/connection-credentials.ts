// The user name and password a connection signs in with. A SECRET_ID names a secret holding
// Secrets Manager's JSON ({"username": …, "password": …}, as Glue reads it): `env:VAR` takes it from
// an environment variable, anything else from the local secrets store (secret-store.ts). Without a
// SECRET_ID, USERNAME and PASSWORD are the connection's own (a password sealed under the catalog's
// ConnectionPasswordEncryption key is opened).
import { invalidInput } from '../../kernel/errors.js';
import type { KeyRing } from '../kms/key-ring.js';
import { openText } from '../encryption/sealed-text.js';
import type { SecretStore } from './secret-store.js';

export interface Credentials {
  username?: string;
  password?: string;
}

export function connectionCredentials(
  connection: { Name?: string; ConnectionProperties?: Record<string, string> },
  secrets: SecretStore,
  ring: () => KeyRing,
): Credentials {
  const props = connection.ConnectionProperties ?? {};
  const id = props.SECRET_ID;
  if (!id) {
    // PASSWORD is newer when both are there: one set while password encryption was off.
    const password = props.PASSWORD ?? props.ENCRYPTED_PASSWORD;
    return { username: props.USERNAME, password: password && openText(ring(), password, `the password of connection ${connection.Name}`) };
  }
  const text = secretText(id, secrets, connection.Name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== 'object')
    throw invalidInput(
      `Secret ${id} of connection ${connection.Name} is not Secrets Manager JSON such as {"username": "…", "password": "…"}`,
    );
  const o = parsed as Record<string, unknown>;
  return { username: str(o.username ?? props.USERNAME), password: str(o.password) };
}

function secretText(id: string, secrets: SecretStore, connection?: string): string {
  if (id.startsWith('env:')) {
    const v = process.env[id.slice(4)];
    if (v === undefined)
      throw invalidInput(`Connection ${connection} takes its secret from environment variable ${id.slice(4)}, which is not set`);
    return v;
  }
  return secrets.value(id);
}

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
