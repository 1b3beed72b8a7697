// Connectors: how runs reach data outside the lake. Concepts import from here only.
export { jdbcEndpoint, namedEndpoint, storedConnection, type JdbcEndpoint } from './jdbc/endpoint.js';
export { jdbcError } from './jdbc/jdbc-errors.js';
export { openJdbc, withJdbc, type JdbcClient } from './jdbc/jdbc-client.js';
export { glueTypeOf, type RemoteColumn } from './jdbc/glue-types.js';
export { remoteTables, type RemoteTable } from './jdbc/remote-tables.js';
export { parseJdbcUrl, type JdbcUrl, type JdbcEngine } from './jdbc/jdbc-url.js';
export { readToCsv, DEFAULT_HASH_PARTITIONS, type ReadSpec } from './jdbc/read-rows.js';
export { prepareLoad, csvDialect, type LoadMode, type PreparedLoad } from './jdbc/load.js';
