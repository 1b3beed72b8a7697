// Where the Terraform AWS provider is on this machine: the e2e suites that drive terraform use a
// filesystem mirror (no registry is reachable), found here once for all of them.
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The folder holding registry.terraform.io/hashicorp/aws/<version>, and that version. */
export function findMirror(): { path: string; version: string } | undefined {
  const candidates = [
    process.env.SLUICE_TF_MIRROR,
    '/opt/tf-plugins',
    join(homedir(), '.terraform.d', 'plugins'),
    '/usr/local/share/terraform/plugins',
    '/usr/share/terraform/plugins',
  ];
  for (const path of candidates) {
    const aws = path && join(path, 'registry.terraform.io', 'hashicorp', 'aws');
    if (!aws || !existsSync(aws)) continue;
    const version = readdirSync(aws).sort().at(-1);
    if (version) return { path: path!, version };
  }
  return undefined;
}
