// Glue's JDBC_CONNECTION_URL for the engines Sluice reaches: jdbc:postgresql://host[:port]/database,
// jdbc:mysql://host[:port]/database and jdbc:mariadb://… (the same wire protocol). Query parameters
// are kept (ssl=true, sslmode=require … say the same as JDBC_ENFORCE_SSL). Glue's HOST/PORT/JDBC_ENGINE
// form is accepted too, as TestConnection's model allows it.
import { invalidInput } from '../../kernel/errors.js';

export type JdbcEngine = 'postgresql' | 'mysql';

export interface JdbcUrl {
  engine: JdbcEngine;
  /** The scheme as written: mariadb stays mariadb in messages. */
  scheme: string;
  host: string;
  port: number;
  database: string;
  params: Record<string, string>;
}

const SCHEMES: Record<string, { engine: JdbcEngine; port: number }> = {
  postgresql: { engine: 'postgresql', port: 5432 },
  postgres: { engine: 'postgresql', port: 5432 },
  redshift: { engine: 'postgresql', port: 5439 },
  mysql: { engine: 'mysql', port: 3306 },
  mariadb: { engine: 'mysql', port: 3306 },
};

export function parseJdbcUrl(url: string, connection: string): JdbcUrl {
  const m = /^jdbc:([a-z]+):\/\/([^/:?]+|\[[^\]]+\])(?::(\d+))?(?:\/([^?;]*))?(?:[?;](.*))?$/i.exec(url.trim());
  const scheme = m?.[1].toLowerCase();
  if (!m || !scheme || !SCHEMES[scheme])
    throw invalidInput(
      `Connection ${connection}: JDBC_CONNECTION_URL ${url} is not jdbc:postgresql://host:port/database, jdbc:mysql://… or jdbc:mariadb://…`,
    );
  const params: Record<string, string> = {};
  for (const kv of (m[5] ?? '').split(/[&;]/).filter(Boolean)) {
    const i = kv.indexOf('=');
    params[i < 0 ? kv : kv.slice(0, i)] = i < 0 ? '' : decodeURIComponent(kv.slice(i + 1));
  }
  const database = decodeURIComponent(m[4] ?? '');
  if (!database) throw invalidInput(`Connection ${connection}: JDBC_CONNECTION_URL ${url} names no database`);
  return {
    engine: SCHEMES[scheme].engine,
    scheme,
    host: m[2].replace(/^\[|\]$/g, ''),
    port: Number(m[3] ?? SCHEMES[scheme].port),
    database,
    params,
  };
}

/** The URL from HOST, PORT and JDBC_ENGINE (with DATABASE) when JDBC_CONNECTION_URL is not given. */
export function urlOfProperties(props: Record<string, string>, connection: string): string {
  if (props.JDBC_CONNECTION_URL) return props.JDBC_CONNECTION_URL;
  if (!props.HOST || !props.JDBC_ENGINE)
    throw invalidInput(`Connection ${connection} needs JDBC_CONNECTION_URL, or all of HOST, PORT and JDBC_ENGINE`);
  return `jdbc:${props.JDBC_ENGINE.toLowerCase()}://${props.HOST}${props.PORT ? `:${props.PORT}` : ''}/${props.DATABASE ?? props.DATABASE_NAME ?? ''}`;
}
