// One typed error hierarchy for the whole system. `type` is the AWS exception name (the `__type` of
// the HTTP face); the faces translate it at their edge and nowhere else.
export type GlueErrorType =
  | 'AccessDeniedException'
  | 'AlreadyExistsException'
  | 'ConcurrentModificationException'
  | 'ConcurrentRunsExceededException'
  | 'CrawlerNotRunningException'
  | 'CrawlerRunningException'
  | 'CrawlerStoppingException'
  | 'EntityNotFoundException'
  | 'IncompleteSignatureException'
  | 'IllegalSessionStateException'
  | 'IllegalWorkflowStateException'
  | 'InternalServiceException'
  | 'InvalidInputException'
  | 'InvalidSignatureException'
  | 'InvalidStateException'
  | 'NoScheduleException'
  | 'MissingAuthenticationTokenException'
  | 'OperationTimeoutException'
  | 'ResourceNumberLimitExceededException'
  | 'SchedulerRunningException'
  | 'SchedulerNotRunningException'
  | 'SchedulerTransitioningException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'UnrecognizedClientException'
  | 'ValidationException'
  | 'VersionMismatchException';

export class SluiceError extends Error {
  constructor(
    readonly type: GlueErrorType,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = type;
  }

  /** True for errors caused by the caller (HTTP 400); false for faults of Sluice itself (500). */
  get isClientError(): boolean {
    return this.type !== 'InternalServiceException';
  }
}

export const notFound = (message: string) => new SluiceError('EntityNotFoundException', message);
export const alreadyExists = (message: string) => new SluiceError('AlreadyExistsException', message);
export const invalidInput = (message: string) => new SluiceError('InvalidInputException', message);

/**
 * Wraps anything thrown into a SluiceError: a file that is not there, not readable or not a file is
 * the caller's to fix and says so; unknown errors become InternalServiceException.
 */
export function toSluiceError(err: unknown): SluiceError {
  if (err instanceof SluiceError) return err;
  const fs = fileSystemError(err);
  if (fs) return fs;
  const message = err instanceof Error ? err.message : String(err);
  return new SluiceError('InternalServiceException', message, { cause: err });
}

function fileSystemError(err: unknown): SluiceError | undefined {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.code !== 'string' || !/^E[A-Z]+$/.test(e.code)) return undefined;
  const path = e.path ?? 'A path given';
  const what = {
    ENOENT: ['EntityNotFoundException', `${path} does not exist`],
    EACCES: ['AccessDeniedException', `${path} cannot be read: permission denied`],
    EPERM: ['AccessDeniedException', `${path} cannot be read: operation not permitted`],
    EISDIR: ['InvalidInputException', `${path} is a folder, not a file`],
    ENOTDIR: ['InvalidInputException', `${path} is not a folder`],
  }[e.code] as [GlueErrorType, string] | undefined;
  return what && new SluiceError(what[0], what[1], { cause: err });
}
