// A JDBC connection made ready to open: its URL parsed, its credentials resolved (USERNAME/PASSWORD,
// a sealed ENCRYPTED_PASSWORD, or SECRET_ID from the secrets store or `env:VAR`) and its SSL options.
// The password lives only in this object, in memory, for the run: it is never logged, and every
// message about the connection names it by connection name and URL (which holds no password).
import type { Kysely } from 'kysely';
import { invalidInput, notFound } from '../../kernel/errors.js';
import type { Connection } from '../../kernel/glue-types.js';
import type { Services } from '../../kernel/services.js';
import type { DB } from '../../store/schema.js';
import { keyRing } from '../../security/kms/index.js';
import { connectionCredentials, secretStore } from '../../security/secrets/index.js';
import { parseJdbcUrl, urlOfProperties, type JdbcUrl } from './jdbc-url.js';

export interface JdbcEndpoint {
  /** The Glue connection's name (or 'TestConnectionInput' for an unsaved one). */
  connection: string;
  /** The URL as configured: safe to show, it holds no password. */
  urlText: string;
  url: JdbcUrl;
  user?: string;
  password?: string;
  ssl?: { rejectUnauthorized: boolean; ca?: string };
}

const truthy = (v: string | undefined) => v !== undefined && /^(true|1|yes|require|verify-ca|verify-full|required)$/i.test(v);

/** The connection document as stored, secrets included (never hand it to a face). */
export async function storedConnection(db: Kysely<DB>, catalogId: string, name: string): Promise<Connection> {
  const row = await db
    .selectFrom('catalog_connections')
    .select('doc')
    .where('catalog_id', '=', catalogId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (!row) throw notFound(`Connection ${name} not found.`);
  return JSON.parse(row.doc) as Connection;
}

export function jdbcEndpoint(services: Services, connection: Connection): JdbcEndpoint {
  const name = connection.Name ?? 'TestConnectionInput';
  if (connection.ConnectionType && connection.ConnectionType !== 'JDBC')
    throw invalidInput(`Connection ${name} is of type ${connection.ConnectionType}; Sluice reads and writes JDBC connections`);
  const props = connection.ConnectionProperties ?? {};
  const urlText = urlOfProperties(props, name);
  const url = parseJdbcUrl(urlText, name);
  const creds = connectionCredentials({ Name: name, ConnectionProperties: props }, secretStore(services.root, services.config), () =>
    keyRing(services.root, services.config),
  );
  const p = url.params;
  const enforce = truthy(props.JDBC_ENFORCE_SSL) || truthy(p.ssl) || truthy(p.sslmode) || truthy(p.useSSL) || truthy(p.sslMode);
  const ca = props.CUSTOM_JDBC_CERT_STRING;
  // Glue checks the server's certificate against CUSTOM_JDBC_CERT when given; without one it does
  // not (RDS's default CA is trusted there). Here: verify when a CA is given, unless told to skip.
  const verify = !!ca && !truthy(props.SKIP_CUSTOM_JDBC_CERT_VALIDATION);
  return {
    connection: name,
    urlText,
    url,
    user: creds.username ?? props.USER_NAME,
    password: creds.password,
    ssl: enforce ? { rejectUnauthorized: verify, ca } : undefined,
  };
}

export async function namedEndpoint(services: Services, catalogId: string, name: string): Promise<JdbcEndpoint> {
  return jdbcEndpoint(services, await storedConnection(services.store.db, catalogId, name));
}
