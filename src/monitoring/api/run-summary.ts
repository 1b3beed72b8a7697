// A run of any kind as the dashboard and `sluice logs` show it: identity, state, times, failure, from
// the kind's descriptor (runs/kinds.ts), which knows which Glue members hold them.
import { factsOf } from '../../runs/kinds.js';
import type { RunRow } from '../../store/schema.js';
import type { RunSummary } from './run-summary-shape.js';
import { isEnded, isFailure } from '../observe/run-states.js';
import { iso } from './input.js';

export type { RunSummary };

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
  const facts = factsOf(row.kind, doc);
  const ended = isEnded(row.state);
  const started = timeOf(facts.startedOn) ?? Number(row.started_on);
  const completed = ended ? (timeOf(facts.completedOn) ?? Number(row.updated_on)) : undefined;
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
    ErrorMessage: facts.errorMessage,
    Attempt: facts.attempt,
    TriggerName: facts.triggerName,
  };
}
