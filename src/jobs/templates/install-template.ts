// Job templates shipped with Sluice (templates/<name>/ at the package root): their scripts are
// copied into the project's jobs/<name>/ folder and their jobs created, or updated if they exist.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invalidInput } from '../../kernel/errors.js';
import type { Sluice } from '../../kernel/services.js';

interface TemplateJob {
  name: string;
  file: string;
  description: string;
  defaultArguments?: Record<string, string>;
}

export const TEMPLATES: Record<string, TemplateJob[]> = {
  ecommerce: [
    {
      name: 'ecommerce-ingest',
      file: 'ingest.yaml',
      description: 'Raw → processed: standardised, typed, partitioned Parquet with metadata columns; bad rows quarantined',
      defaultArguments: { '--job-bookmark-option': 'job-bookmark-enable' },
    },
    {
      name: 'ecommerce-process',
      file: 'process.ts',
      description: 'Processed → curated: de-duplicated, validated, EUR amounts, orders joined to customers, daily and per-customer aggregates',
    },
  ],
};

const TEMPLATE_ROOT = fileURLToPath(new URL('../../../templates/', import.meta.url));

/** Copies the template's scripts (and README.md) into jobs/<template>/ and creates (or updates) its jobs; returns the job names. */
export async function installTemplate(sluice: Sluice, template: string): Promise<string[]> {
  const jobs = TEMPLATES[template];
  if (!jobs) throw invalidInput(`There is no job template ${template}; templates: ${Object.keys(TEMPLATES).join(', ')}`);
  const target = join(sluice.services.root, 'jobs', template);
  mkdirSync(target, { recursive: true });
  for (const job of jobs) {
    const from = join(TEMPLATE_ROOT, template, job.file);
    if (!existsSync(from)) throw new Error(`The ${template} template is incomplete: ${from} is missing from this installation`);
    copyFileSync(from, join(target, job.file));
    const definition = {
      Description: job.description,
      Role: 'sluice',
      Command: { Name: 'glueetl', ScriptLocation: `jobs/${template}/${job.file}` },
      DefaultArguments: job.defaultArguments ?? {},
      Timeout: 60,
    };
    const exists = (await sluice.call('BatchGetJobs', { JobNames: [job.name] })).Jobs.length > 0;
    if (exists) await sluice.call('UpdateJob', { JobName: job.name, JobUpdate: definition });
    else await sluice.call('CreateJob', { Name: job.name, ...definition });
  }
  // What the jobs do and which zones they read and write, beside the scripts.
  const readme = join(TEMPLATE_ROOT, template, 'README.md');
  if (existsSync(readme)) copyFileSync(readme, join(target, 'README.md'));
  return jobs.map((j) => j.name);
}
