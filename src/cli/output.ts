// How the CLI reports failures: AWS CLI wording for operation errors, and its exit codes
// (254 for an error the service returned, 252 for bad usage, 255 for anything else).
import { SluiceError } from '../kernel/errors.js';

/** A bad global option, reported as the AWS CLI reports it (its message alone, its exit code). */
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 252,
  ) {
    super(message);
  }
}

export function reportError(err: unknown, operation?: string): number {
  if (err instanceof CliUsageError) {
    process.stderr.write(`\n${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof SluiceError) {
    const where = operation ? ` when calling the ${operation} operation` : '';
    process.stderr.write(`\nAn error occurred (${err.type})${where}: ${err.message}\n`);
    return err.type === 'InvalidInputException' && !operation ? 252 : 254;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`sluice: ${message}\n`);
  if (process.env.SLUICE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
  return 255;
}
