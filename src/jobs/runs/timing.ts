// Durations that tests shorten through the environment: Glue counts Timeout in whole minutes and
// retries after a back-off, both far too long for a test suite.
const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 && process.env[name] !== '' && process.env[name] !== undefined ? v : fallback;
};

/** A Timeout of `minutes` in milliseconds. SLUICE_JOB_MINUTE_MS says how long a minute lasts (tests). */
export const timeoutMs = (minutes: number) => minutes * num('SLUICE_JOB_MINUTE_MS', 60_000);

/** The wait before retry number `attempt` (1, 2, …): exponential from SLUICE_JOB_RETRY_DELAY_MS (default 10 s). */
export const retryDelayMs = (attempt: number) => num('SLUICE_JOB_RETRY_DELAY_MS', 10_000) * 2 ** Math.max(0, attempt - 1);
