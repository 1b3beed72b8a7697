// Driver errors as messages a person can act on: each names the connection (and its URL, which holds
// no password) and the cause — a host that cannot be reached, credentials refused, a database or
// table that is not there, a value that does not convert. Passwords never appear: the drivers do not
// put them in their messages, and nothing here adds them.
import { SluiceError, type GlueErrorType } from '../../kernel/errors.js';
import type { JdbcEndpoint } from './endpoint.js';

interface DriverError {
  code?: string;
  errno?: number;
  message?: string;
}

function cause(e: DriverError, ep: JdbcEndpoint): [GlueErrorType, string] {
  const where = `${ep.url.host}:${ep.url.port}`;
  switch (e.code) {
    case 'ECONNREFUSED':
      return ['InvalidInputException', `cannot reach ${where}: connection refused (is the database running there?)`];
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return ['InvalidInputException', `cannot reach ${where}: host ${ep.url.host} not found`];
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
      return ['OperationTimeoutException', `cannot reach ${where}: ${e.code}`];
    case '28P01':
    case '28000':
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      return ['InvalidInputException', `the database refused the credentials of user ${ep.user ?? '(none)'}: ${e.message}`];
    case '3D000':
    case 'ER_BAD_DB_ERROR':
      return ['EntityNotFoundException', `database ${ep.url.database} does not exist: ${e.message}`];
    case '42P01':
    case 'ER_NO_SUCH_TABLE':
      return ['EntityNotFoundException', `table not found: ${e.message}`];
  }
  if (/timeout/i.test(e.message ?? '')) return ['OperationTimeoutException', `cannot reach ${where}: ${e.message}`];
  return ['InvalidInputException', e.message ?? String(e)];
}

/** Wraps a driver error (or passes a SluiceError through, adding the connection when missing). */
export function jdbcError(ep: JdbcEndpoint, err: unknown, doing?: string): SluiceError {
  const prefix = `Connection ${ep.connection} (${ep.urlText})`;
  if (err instanceof SluiceError) {
    return err.message.includes(`Connection ${ep.connection}`)
      ? err
      : new SluiceError(err.type, `${prefix}${doing ? `, ${doing}` : ''}: ${err.message}`, { cause: err });
  }
  const [type, text] = cause((err ?? {}) as DriverError, ep);
  return new SluiceError(type, `${prefix}${doing ? `, ${doing}` : ''}: ${text}`, { cause: err });
}
