import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { findProjectRoot, initProject, loadProject, parseConfig } from './project.js';
import { resolveLocation } from './locations.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'sluice-cfg-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('project', () => {
  it('init writes sluice.yaml, .sluice/ with a JSON schema, and the three zones', () => {
    const dir = tmp();
    const { config } = initProject(dir, { name: 'shop', zones: { curated: 'lake/gold' } });
    expect(config.name).toBe('shop');
    for (const p of ['sluice.yaml', '.sluice/sluice.schema.json', 'lake/raw', 'lake/processed', 'lake/gold'])
      expect(existsSync(join(dir, p)), p).toBe(true);
    const schema = JSON.parse(readFileSync(join(dir, '.sluice/sluice.schema.json'), 'utf8'));
    expect(schema.properties.metadata).toBeDefined();
    expect(() => initProject(dir)).toThrow(/already exists/);
  });

  it('finds the project by walking up from a subfolder, like git', () => {
    const dir = tmp();
    // Named after its folder when no name is given.
    expect(initProject(dir).config.name).toBe(basename(dir));
    const deep = join(dir, 'lake', 'raw', 'a', 'b');
    mkdirSync(deep, { recursive: true });
    expect(findProjectRoot(deep)).toBe(dir);
    expect(loadProject(deep).root).toBe(dir);
  });

  it('says how to create a project when there is none', () => {
    const dir = tmp();
    expect(() => loadProject(dir)).toThrow(/No sluice.yaml found .*sluice init/);
  });

  it('reports every problem of a bad config at once', () => {
    const text = 'metadata:\n  kind: mysql\naccount:\n  id: "12"\nserver:\n  port: 99999\n';
    let message = '';
    try {
      parseConfig(text, 'sluice.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/3 problems/);
    expect(message).toMatch(/metadata\.kind/);
    expect(message).toMatch(/account\.id: an AWS account id has 12 digits/);
    expect(message).toMatch(/server\.port/);
  });

  it('rejects YAML that does not parse, naming the file', () => {
    expect(() => parseConfig('a: [1, 2', '/x/sluice.yaml')).toThrow(/\/x\/sluice.yaml is not valid YAML/);
  });

  it('fills defaults and accepts postgres with an env secret reference', () => {
    const c = parseConfig('metadata:\n  kind: postgres\n  url: { env: PG_URL }\n');
    expect(c.metadata).toEqual({ kind: 'postgres', url: { env: 'PG_URL' } });
    expect(c.zones.raw).toBe('lake/raw');
    expect(c.account.id).toBe('123456789012');
  });

  it('resolves locations relative to the project root; URLs pass through', () => {
    expect(resolveLocation('/p', 'lake/raw')).toBe('/p/lake/raw');
    expect(resolveLocation('/p', '/abs/x')).toBe('/abs/x');
    expect(resolveLocation('/p', 's3://b/k')).toBe('s3://b/k');
    expect(resolveLocation('/p', 'file:///abs')).toBe('file:///abs');
  });

  it('refuses unknown keys anywhere, naming each and the nearest valid one', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'sluice.yaml'), 'name: x\nlater_concept: []\n');
    expect(() => loadProject(dir)).toThrow(/later_concept: unknown key\n|later_concept: unknown key$/);
    const text = [
      'metdata:',
      '  kind: postgres',
      'engin: { kind: duckdb }',
      'metadata:',
      '  kind: postgres',
      '  ulr: x',
      'server:',
      '  prot: 4000',
      'monitoring:',
      '  alarms:',
      '    - { name: a, rule: cost, budget: 1, pre: run }',
    ].join('\n');
    let message = '';
    try {
      parseConfig(text, 'sluice.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('  - metdata: unknown key (did you mean metadata?)');
    expect(message).toContain('  - engin: unknown key (did you mean engine?)');
    expect(message).toContain('  - metadata.ulr: unknown key (did you mean url?)');
    expect(message).toContain('  - server.prot: unknown key (did you mean port?)');
    expect(message).toContain('  - monitoring.alarms.0.pre: unknown key (did you mean per?)');
    writeFileSync(join(dir, 'sluice.yaml'), 'name: x\njobs: []\n');
    expect(() => loadProject(dir)).toThrow(/jobs: /);
  });
});
