// A project after `sluice demo` (sample data, the raw crawl, the e-commerce jobs, the quality step),
// with extra sluice.yaml settings appended: what the monitoring and dashboard end-to-end tests watch.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../demo/demo.js';

export interface DemoProject {
  dir: string;
  cleanup(): void;
}

export async function demoProject(extraYaml = ''): Promise<DemoProject> {
  const base = mkdtempSync(join(tmpdir(), 'sluice-monitoring-'));
  const dir = join(base, 'demo');
  await runDemo({ dir, scale: 0.2, log: () => undefined });
  if (extraYaml) appendFileSync(join(dir, 'sluice.yaml'), `\n${extraYaml}\n`);
  return { dir, cleanup: () => rmSync(base, { recursive: true, force: true }) };
}
