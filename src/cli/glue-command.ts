// `sluice glue <operation> --param …`: any registered Glue operation, with `aws glue`'s names,
// flags and output.
import type { Command } from 'commander';
import { openSluice } from '../config/compose.js';
import { SluiceError } from '../kernel/errors.js';
import { operationFromKebab } from './aws-names.js';
import { parseGlueArgs } from './glue-args.js';
import { formatAwsJson } from './aws-format.js';
import { reportError } from './output.js';
import { splitRemoteOptions } from './remote-options.js';
import { callRemote } from '../api/http/client.js';
import { inModelOrder } from './shape-order.js';

export function registerGlueCommand(program: Command): void {
  program
    .command('glue')
    .description('Call a Glue operation, as `aws glue` would: sluice glue get-table --database-name db --name t')
    .argument('<operation>', 'the operation in kebab-case, e.g. get-table')
    .argument('[params...]', '--param-name value … or --cli-input-json file://input.json; --endpoint-url URL calls a running server')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (command: string, params: string[]) => {
      const operation = operationFromKebab(command);
      let sluice;
      try {
        if (!operation) throw new SluiceError('UnknownOperationException', `Invalid choice: '${command}' is not a Glue operation.`);
        // --endpoint-url calls a running server instead of opening the project; the output is the same.
        const { remote, params: own } = splitRemoteOptions(params);
        const input = parseGlueArgs(operation, own);
        const result = remote ? await callRemote(operation, input, remote) : await (sluice = await openSluice()).call(operation, input);
        const out = formatAwsJson(inModelOrder(operation, result));
        if (out) process.stdout.write(`${out}\n`);
      } catch (err) {
        process.exitCode = reportError(err, operation);
      } finally {
        await sluice?.close();
      }
    });
}
