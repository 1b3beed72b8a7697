// `sluice server` and `sluice api coverage` as a user runs them.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initProject } from '../../src/config/project.js';

const run = promisify(execFile);
const SLUICE = join(process.cwd(), 'bin/sluice.js');

describe('sluice server', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-server-'));
    initProject(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the Glue API until it is stopped', async () => {
    const { SLUICE_PROJECT_ROOT: _root, ...env } = process.env; // the project is the one in cwd
    const child = spawn(SLUICE, ['server', '--dev', '--port', '0'], { cwd: dir, env });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /listening on (http:\/\/\S+) \(dev mode/.exec(out);
          if (m) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`sluice server exited with ${code}: ${out}`)));
      });
      const res = await fetch(`${url}/`, { method: 'POST', headers: { 'x-amz-target': 'AWSGlue.GetDatabases' }, body: '{}' });
      expect(await res.json()).toEqual({ DatabaseList: [] });
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses dev mode on a non-loopback address, and to start without access keys', async () => {
    const dev = await run(SLUICE, ['server', '--dev', '--host', '0.0.0.0', '--port', '0'], { cwd: dir }).catch((e) => e);
    expect(dev.code).not.toBe(0);
    expect(dev.stderr).toContain('Refusing to listen on 0.0.0.0 in dev mode');
    const keyless = await run(SLUICE, ['server', '--port', '0'], { cwd: dir }).catch((e) => e);
    expect(keyless.stderr).toContain('No access keys are configured');
  });
});

describe('sluice api coverage', () => {
  it('prints the operations implemented, partial and not implemented', async () => {
    const { stdout } = await run(SLUICE, ['api', 'coverage']);
    expect(stdout).toMatch(/^Glue operations served: \d+ of \d+/);
    expect(stdout).toMatch(/\nImplemented \(\d+\):\n(.*\n)*  GetTable\n/);
    expect(stdout).toMatch(/\nPartial \(\d+\):\n(.*\n)*  TagResource: existence is checked/);
    expect(stdout).toMatch(/\nNot implemented \(\d+\):\n(.*\n)*  StartMLEvaluationTaskRun\n/);
    const json = JSON.parse((await run(SLUICE, ['api', 'coverage', '--json'])).stdout);
    expect(json.implemented).toContain('GetDatabase');
  });
});
