// TestConnection: opens the connection as a job would (its credentials resolved from USERNAME/
// PASSWORD, the sealed password or SECRET_ID), runs `SELECT 1` and closes it. A failure is an error
// naming the connection and the cause: a host that cannot be reached, credentials refused, a
// database that is not there. Glue tests JDBC and SALESFORCE connections; Sluice tests JDBC ones.
// Giving both ConnectionName and TestConnectionInput is refused, as Glue refuses it.
import { glueOperation } from '../kernel/registry.js';
import { invalidInput } from '../kernel/errors.js';
import { jdbcEndpoint, storedConnection, withJdbc } from '../connectors/index.js';
import { catalogIdOf } from './common.js';

export const testConnectionOperation = glueOperation('TestConnection', async (input, ctx) => {
  if (input.ConnectionName && input.TestConnectionInput) throw invalidInput('Give either ConnectionName or TestConnectionInput, not both.');
  if (!input.ConnectionName && !input.TestConnectionInput) throw invalidInput('Give ConnectionName or TestConnectionInput.');
  const connection = input.ConnectionName
    ? await storedConnection(ctx.services.store.db, catalogIdOf(input, ctx), input.ConnectionName)
    : { Name: 'TestConnectionInput', ...input.TestConnectionInput! };
  if (connection.ConnectionType !== 'JDBC')
    throw invalidInput(`TestConnection is available for JDBC connections; ${connection.Name} is ${connection.ConnectionType}.`);
  const ep = jdbcEndpoint(ctx.services, connection);
  await withJdbc(ep, (c) => c.query('SELECT 1'), 'testing');
  return {};
});
