// What a run counts while it works, reported as progress (throttled) and stored as its metrics.
export interface RunMetrics {
  rowsRead: number;
  rowsWritten: number;
  rowsQuarantined: number;
  /** Rows a step removed on purpose (filters, de-duplication), so that read = written + quarantined + dropped. */
  rowsDropped: number;
  filesRead: number;
  bytesRead: number;
  filesWritten: number;
  bytesWritten: number;
  durationMs: number;
  peakRssBytes: number;
}

export const emptyMetrics = (): RunMetrics => ({
  rowsRead: 0,
  rowsWritten: 0,
  rowsQuarantined: 0,
  rowsDropped: 0,
  filesRead: 0,
  bytesRead: 0,
  filesWritten: 0,
  bytesWritten: 0,
  durationMs: 0,
  peakRssBytes: 0,
});

export interface Lineage {
  inputs: { kind: 'table' | 'path'; name: string; files?: number }[];
  outputs: { kind: 'table' | 'path'; name: string; location: string }[];
}
