// `sluice glue <operation> --param …`: any registered Glue operation, with `aws glue`'s names, flags,
// output options (--query, --output, pagination) and help.
import type { Command } from 'commander';
import { openSluice } from '../config/compose.js';
import { SluiceError } from '../kernel/errors.js';
import { operationFromKebab } from './aws-names.js';
import { parseGlueArgs } from './glue-args.js';
import { reportError } from './output.js';
import { splitRemoteOptions } from './remote-options.js';
import { callRemote } from '../api/http/client.js';
import { callAndRender, splitOutputOptions } from './cli-output.js';
import { glueHelp, operationHelp } from './glue-help.js';
import type { Sluice } from '../kernel/services.js';

export function registerGlueCommand(program: Command): void {
  program
    .command('glue')
    .description('Call a Glue operation, as `aws glue` would: sluice glue get-table --database-name db --name t (sluice glue help)')
    .argument('<operation>', 'the operation in kebab-case, e.g. get-table; or help')
    .argument('[params...]', '--param-name value … or --cli-input-json file://input.json; --endpoint-url URL calls a running server')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (command: string, params: string[]) => {
      if (command === 'help') return void process.stdout.write(glueHelp());
      const operation = operationFromKebab(command);
      let sluice: Sluice | undefined;
      try {
        if (!operation) throw new SluiceError('UnknownOperationException', `Invalid choice: '${command}' is not a Glue operation.`);
        if (params[0] === 'help') return void process.stdout.write(operationHelp(operation));
        // --endpoint-url calls a running server instead of opening the project; the output is the same.
        const { remote, params: rest } = splitRemoteOptions(params);
        const { options, params: own } = splitOutputOptions(rest);
        const input = parseGlueArgs(operation, own);
        const call = async (i: Record<string, unknown>) =>
          remote ? callRemote(operation, i, remote) : (sluice ??= await openSluice()).call(operation, i);
        process.stdout.write(await callAndRender(operation, input, call, options));
      } catch (err) {
        process.exitCode = reportError(err, operation);
      } finally {
        await sluice?.close();
      }
    });
}
