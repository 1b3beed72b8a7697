// Installs a template and runs its jobs in order, each as a real run (StartJobRun, its own processes),
// reporting what each produced: the demo's ingestion and processing steps in one call.
import type { Sluice } from '../../kernel/services.js';
import { installTemplate } from './install-template.js';

export interface TemplateRunReport {
  job: string;
  runId: string;
  state: string;
  errorMessage?: string;
  metrics?: Record<string, number>;
  outputs: string[];
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMEOUT', 'STOPPED', 'ERROR', 'EXPIRED']);

export async function runTemplate(sluice: Sluice, template: string, log: (line: string) => void = () => {}, pollMs = 200): Promise<TemplateRunReport[]> {
  const reports: TemplateRunReport[] = [];
  for (const job of await installTemplate(sluice, template)) {
    const { JobRunId } = await sluice.call('StartJobRun', { JobName: job });
    let d;
    for (;;) {
      d = await sluice.call('GetJobRunDetails', { JobName: job, RunId: JobRunId });
      if (TERMINAL.has(d.JobRun.JobRunState)) break;
      await new Promise((r) => setTimeout(r, pollMs));
    }
    const m = d.Metrics ?? {};
    const report: TemplateRunReport = {
      job,
      runId: JobRunId,
      state: d.JobRun.JobRunState,
      errorMessage: d.JobRun.ErrorMessage,
      metrics: d.Metrics,
      outputs: (d.Lineage?.outputs ?? []).map((o: { name: string }) => o.name),
    };
    reports.push(report);
    log(`${job}: ${report.state} in ${((m.durationMs ?? 0) / 1000).toFixed(1)} s — read ${m.rowsRead ?? 0} rows from ${m.filesRead ?? 0} files, wrote ${m.rowsWritten ?? 0} rows to ${report.outputs.join(', ')}, quarantined ${m.rowsQuarantined ?? 0}`);
    if (report.state !== 'SUCCEEDED') {
      log(`  ${report.errorMessage ?? ''}`);
      break;
    }
  }
  return reports;
}
