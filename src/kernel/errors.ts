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

/** Wraps anything thrown into a SluiceError; unknown errors become InternalServiceException. */
export function toSluiceError(err: unknown): SluiceError {
  if (err instanceof SluiceError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new SluiceError('InternalServiceException', message, { cause: err });
}
