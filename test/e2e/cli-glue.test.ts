// `sluice init` and `sluice glue …` as a user runs them: real processes, a real project folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-cli-'));
  expect(runCli(dir, ['init']).status).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sluice glue', () => {
  it('prints nothing for an empty response, as aws glue does', () => {
    const r = runCli(dir, ['glue', 'create-database', '--database-input', 'Name=shop,Description=online shop']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('prints the response as 4-space JSON with ISO 8601 timestamps', () => {
    const r = runCli(dir, ['glue', 'get-database', '--name', 'shop']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\{\n {4}"Database": \{\n {8}"Name": "shop",/);
    const db = JSON.parse(r.stdout).Database;
    expect(db.Description).toBe('online shop');
    expect(db.CreateTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+00:00$/);
  });

  it('takes JSON values, file:// values and --cli-input-json', () => {
    const input = join(dir, 'table.json');
    writeFileSync(input, JSON.stringify({ Name: 'orders', StorageDescriptor: { Columns: [{ Name: 'id', Type: 'bigint' }] } }));
    expect(runCli(dir, ['glue', 'create-table', '--database-name', 'shop', '--table-input', `file://${input}`]).status).toBe(0);
    const whole = join(dir, 'whole.json');
    writeFileSync(whole, JSON.stringify({ DatabaseName: 'shop', Name: 'orders' }));
    const r = runCli(dir, ['glue', 'get-table', '--cli-input-json', `file://${whole}`]);
    expect(JSON.parse(r.stdout).Table.StorageDescriptor.Columns).toEqual([{ Name: 'id', Type: 'bigint' }]);
    const list = runCli(dir, ['glue', 'batch-delete-table', '--database-name', 'shop', '--tables-to-delete', 'orders', 'ghost']);
    expect(JSON.parse(list.stdout).Errors.map((e: { TableName: string }) => e.TableName)).toEqual(['ghost']);
  });

  it('reports service errors as the AWS CLI does, with exit code 254', () => {
    const r = runCli(dir, ['glue', 'get-table', '--database-name', 'shop', '--name', 'nope']);
    expect(r.status).toBe(254);
    expect(r.stderr).toContain('An error occurred (EntityNotFoundException) when calling the GetTable operation: Table nope not found.');
  });

  it('rejects unknown operations and flags, naming them', () => {
    const op = runCli(dir, ['glue', 'get-tablez']);
    expect(op.status).not.toBe(0);
    expect(op.stderr).toContain("'get-tablez' is not a Glue operation");
    const flag = runCli(dir, ['glue', 'get-table', '--database', 'shop']);
    expect(flag.status).not.toBe(0);
    expect(flag.stderr).toMatch(/Unknown options: --database\. GetTable takes: .*--database-name/);
    const missing = runCli(dir, ['glue', 'get-table', '--database-name', 'shop']);
    expect(missing.stderr).toContain("Value null at 'name' failed to satisfy constraint: Member must not be null");
  });

  it('finds the project from a subfolder, and says when there is none', () => {
    const sub = join(dir, 'lake', 'raw');
    expect(runCli(sub, ['glue', 'get-database', '--name', 'shop']).status).toBe(0);
    const outside = mkdtempSync(join(tmpdir(), 'sluice-none-'));
    const r = runCli(outside, ['glue', 'get-databases']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/No sluice.yaml found.*sluice init/);
    rmSync(outside, { recursive: true, force: true });
  });

  it('explains every command in --help', () => {
    const r = runCli(dir, ['--help']);
    expect(r.status).toBe(0);
    for (const cmd of ['init', 'glue']) expect(r.stdout).toMatch(new RegExp(`\\n\\s+${cmd}\\b[^\\n]*\\S`));
  });
});
