// The shell blocks of a Markdown document, for tests that run documentation as written.
import { spawnSync } from 'node:child_process';

/** The ```sh blocks of `markdown`, or only the first one under `heading` when given. */
export function shellBlocks(markdown: string, heading?: string): string[] {
  const text = heading === undefined ? markdown : markdown.slice(markdown.indexOf(`\n${heading}\n`));
  if (heading !== undefined && text.length === markdown.length + 1) throw new Error(`no section ${heading}`);
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)\n```/g)].map((m) => m[1]);
  return heading === undefined ? blocks : blocks.slice(0, 1);
}

/**
 * Runs shell text with bash: aliases expand, the first failing command stops it and names itself
 * on stderr ("doc command failed: …").
 */
export function runShell(script: string, cwd: string, env: Record<string, string>) {
  const text = `shopt -s expand_aliases\nset -eo pipefail\ntrap 'echo "doc command failed: $BASH_COMMAND" >&2' ERR\n${script}\n`;
  return spawnSync('bash', ['-c', text], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, SLUICE_FROM_SOURCE: '1', TZ: 'UTC', ...env },
    timeout: 400_000,
  });
}
