// A run of any kind as the dashboard and `sluice logs` show it: identity, state, times, failure.
import type { RunRow } from '../../store/schema.js';
import { isEnded, isFailure } from '../observe/run-states.js';
import { iso } from './input.js';

export interface RunSummary {
  RunId: string;
  Kind: string;
  Name: string;
  State: string;
  Ended: boolean;
  Failed: boolean;
  StartedOn: string;
  CompletedOn?: string;
  DurationSeconds: number;
  ErrorMessage?: string;
  /** Jobs: the attempt and the trigger that started it; workflows and triggers start runs too. */
  Attempt?: number;
  TriggerName?: string;
}

const timeOf = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : undefined;

export function parseDoc(row: Pick<RunRow, 'doc'>): Record<string, any> {
  try {
    return JSON.parse(row.doc) ?? {};
  } catch {
    return {};
  }
}

export function summarize(row: RunRow, now = Date.now()): RunSummary {
  const doc = parseDoc(row);
  const ended = isEnded(row.state);
  const started = timeOf(doc.StartedOn) ?? timeOf(doc.startTime) ?? Number(row.started_on);
  const completed = ended ? (timeOf(doc.CompletedOn) ?? timeOf(doc.endTime) ?? Number(row.updated_on)) : undefined;
  return {
    RunId: row.id,
    Kind: row.kind,
    Name: row.name,
    State: row.state,
    Ended: ended,
    Failed: ended && isFailure(row.kind, row.state, doc),
    StartedOn: iso(started)!,
    CompletedOn: iso(completed),
    DurationSeconds: Math.max(0, ((completed ?? now) - started) / 1000),
    ErrorMessage: doc.ErrorMessage ?? doc.errorMessage ?? doc.ErrorString,
    Attempt: typeof doc.Attempt === 'number' ? doc.Attempt : undefined,
    TriggerName: doc.TriggerName,
  };
}
