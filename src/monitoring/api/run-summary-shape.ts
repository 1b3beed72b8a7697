// The summary of a run of any kind, as ListRuns and GetRun give it: the dashboard imports this type
// (web/src/pages/runs-table.tsx), so this file imports nothing.

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
