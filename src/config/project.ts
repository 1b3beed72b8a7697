// Finding and loading a project: like git, every command walks up from the current directory to the
// nearest sluice.yaml.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { configSchema, type SluiceConfig } from './schema.js';
import { invalidInput } from '../kernel/errors.js';
import { resolveLocation } from './locations.js';
import { unknownKeyMessage } from './unknown-keys.js';

export const CONFIG_FILE = 'sluice.yaml';
export const STATE_DIR = '.sluice';

export interface Project {
  root: string;
  config: SluiceConfig;
}

export function findProjectRoot(from: string = process.cwd()): string | undefined {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadProject(from: string = process.cwd()): Project {
  const root = findProjectRoot(from);
  if (!root)
    throw invalidInput(`No ${CONFIG_FILE} found in ${resolve(from)} or any parent directory. Run 'sluice init' to create a project.`);
  return { root, config: parseConfig(readFileSync(join(root, CONFIG_FILE), 'utf8'), join(root, CONFIG_FILE)) };
}

export function parseConfig(text: string, file = CONFIG_FILE): SluiceConfig {
  let raw: unknown;
  try {
    raw = parse(text) ?? {};
  } catch (e) {
    throw invalidInput(`${file} is not valid YAML: ${(e as Error).message}`);
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => `  - ${[...i.path, k].join('.')}: ${unknownKeyMessage(configSchema, i.path, k)}`)
        : [`  - ${i.path.join('.') || '(root)'}: ${i.message}`],
    );
    throw invalidInput(`${file} has ${lines.length} problem${lines.length > 1 ? 's' : ''}:\n${lines.join('\n')}`);
  }
  return result.data;
}

/**
 * Creates sluice.yaml, .sluice/ and the three zones; the project is named after its folder unless
 * told otherwise. Refuses to overwrite an existing project.
 */
export function initProject(dir: string, options: { name?: string; zones?: Partial<SluiceConfig['zones']> } = {}): Project {
  const root = resolve(dir);
  if (existsSync(join(root, CONFIG_FILE))) throw new Error(`${join(root, CONFIG_FILE)} already exists`);
  const doc = {
    '# yaml-language-server': undefined,
    version: 1,
    name: options.name ?? (basename(root) || 'sluice'),
    zones: { raw: 'lake/raw', processed: 'lake/processed', curated: 'lake/curated', ...options.zones },
    metadata: { kind: 'sqlite', path: `${STATE_DIR}/metadata.db` },
    engine: { kind: 'duckdb' },
    server: { host: '127.0.0.1', port: 4590 },
  };
  delete (doc as Record<string, unknown>)['# yaml-language-server'];
  mkdirSync(root, { recursive: true });
  const header = '# yaml-language-server: $schema=./.sluice/sluice.schema.json\n# Sluice project. See README.md for every key.\n';
  writeFileSync(join(root, CONFIG_FILE), header + stringify(doc));
  const config = parseConfig(readFileSync(join(root, CONFIG_FILE), 'utf8'));
  mkdirSync(join(root, STATE_DIR), { recursive: true });
  writeFileSync(join(root, STATE_DIR, 'sluice.schema.json'), JSON.stringify(configJsonSchema(), null, 2));
  writeFileSync(join(root, STATE_DIR, '.gitignore'), '*\n');
  for (const zone of Object.values(config.zones)) {
    if (!zone.startsWith('s3://')) mkdirSync(resolveLocation(root, zone), { recursive: true });
  }
  return { root, config };
}

/** The JSON Schema of sluice.yaml, for editors. */
export function configJsonSchema(): unknown {
  return z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
}
