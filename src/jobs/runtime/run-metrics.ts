import type { FileAccount } from './input-accounting.js';

// What a run counts while it works, reported as progress (throttled) and stored as its metrics.
export interface RunMetrics {
  rowsRead: number;
  rowsWritten: number;
  rowsQuarantined: number;
  /** Rows a step removed on purpose (filters, de-duplication), so that read = written + quarantined + dropped. */
  rowsDropped: number;
  /** Records the readers could not parse (quarantined in PERMISSIVE, dropped in DROPMALFORMED; counted in those too). */
  rowsMalformed: number;
  /** rowsRead + rowsMalformed: every record of the files read (0 when rows were not counted). */
  rowsInInput: number;
  filesRead: number;
  /** Unreadable files set aside in the bad-records path. */
  filesQuarantined: number;
  bytesRead: number;
  filesWritten: number;
  bytesWritten: number;
  durationMs: number;
  peakRssBytes: number;
  /** Per input file: rows read + quarantined + dropped = rows in the input (set when the run ends). */
  inputFiles?: FileAccount[];
}

export const emptyMetrics = (): RunMetrics => ({
  rowsRead: 0,
  rowsWritten: 0,
  rowsQuarantined: 0,
  rowsDropped: 0,
  rowsMalformed: 0,
  rowsInInput: 0,
  filesRead: 0,
  filesQuarantined: 0,
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
