// The `sluice` command. Each command lives in its own file and is added here explicitly.
import { Command } from 'commander';
import { registerInitCommand } from './init-command.js';
import { registerGlueCommand } from './glue-command.js';
import { registerRunCommand } from './run-command.js';
import { registerSampleDataCommand } from './sample-data-command.js';
import { registerServerCommand } from './server-command.js';
import { registerApiCommand } from './api-command.js';
import { registerQueryCommand } from './query-command.js';
import { registerDemoCommand } from './demo-command.js';
import { registerDqCommand } from './dq-command.js';
import { registerJobCommand } from './job-command.js';
import { registerCrawlerCommand } from './crawler-command.js';
import { registerLogsCommand } from './logs-command.js';
import { registerAlarmsCommand } from './alarms-command.js';
import { registerPipelineCommands } from './pipeline-command.js';
import { registerDeployCommands } from './deploy-command.js';
import { registerWorkflowCommand } from './workflow-command.js';
import { registerKmsCommand } from './kms-command.js';
import { registerSecretsCommand } from './secrets-command.js';
import { registerConnectionCommand } from './connection-command.js';
import { endQuietlyOnClosedPipe, reportError } from './output.js';
import { registerRunsCommand } from './runs-command.js';
import { registerAuditCommand } from './audit-command.js';
import { registerWorkerCommands } from './worker-command.js';

export function buildProgram(): Command {
  const program = new Command('sluice')
    .description('Sluice: a local-first ETL platform that speaks the AWS Glue API')
    .version('0.1.0')
    .showHelpAfterError();
  registerInitCommand(program);
  registerGlueCommand(program);
  registerRunCommand(program);
  registerSampleDataCommand(program);
  registerServerCommand(program);
  registerApiCommand(program);
  registerQueryCommand(program);
  registerDemoCommand(program);
  registerDqCommand(program);
  registerJobCommand(program);
  registerCrawlerCommand(program);
  registerLogsCommand(program);
  registerAuditCommand(program);
  registerAlarmsCommand(program);
  registerPipelineCommands(program);
  registerDeployCommands(program);
  registerWorkflowCommand(program);
  registerKmsCommand(program);
  registerSecretsCommand(program);
  registerConnectionCommand(program);
  registerRunsCommand(program);
  registerWorkerCommands(program);
  return program;
}

endQuietlyOnClosedPipe();
buildProgram()
  .parseAsync(process.argv)
  .catch((err) => {
    process.exitCode = reportError(err);
  });
