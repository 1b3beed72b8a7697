// How the CLI reports failures: AWS CLI wording for operation errors, and its exit codes
// (254 for an error the service returned, 252 for bad usage, 255 for anything else).
import { SluiceError, toSluiceError } from '../kernel/errors.js';

/**
 * Output piped into a reader that stops early (`sluice query … | head -1`) ends the command quietly,
 * as cat and grep do, instead of crashing on EPIPE with a stack trace.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
}

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
  // Every error in one form, a missing file's or a bug's too: the exception name, then the message.
  const e = toSluiceError(err);
  // Only what the service returned happened "when calling" it; a missing file or a refused connection did not.
  const where = operation && err instanceof SluiceError ? ` when calling the ${operation} operation` : '';
  process.stderr.write(`\nAn error occurred (${e.type})${where}: ${e.message}\n`);
  if (e.type === 'InternalServiceException') {
    if (process.env.SLUICE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    return err instanceof SluiceError ? 254 : 255;
  }
  return e.type === 'InvalidInputException' && !operation ? 252 : 254;
}
