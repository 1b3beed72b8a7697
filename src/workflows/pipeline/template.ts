// Pipeline templates (templates/<name>/pipeline.yaml at the package root): the template's scripts are
// copied into the project's jobs/<name>/ folder and its declarations added to sluice.yaml, replacing
// entries of the same name and keeping everything else in the file (comments included). Nothing is
// created until `sluice apply`.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseDocument } from 'yaml';
import { invalidInput } from '../../kernel/errors.js';
import { CONFIG_FILE, parseConfig } from '../../config/project.js';
import { PIPELINE_KINDS } from './schema.js';

const TEMPLATE_ROOT = fileURLToPath(new URL('../../../templates/', import.meta.url));
const NOT_SCRIPTS = new Set(['pipeline.yaml', 'README.md']);

export function pipelineTemplates(): string[] {
  return existsSync(TEMPLATE_ROOT) ? readdirSync(TEMPLATE_ROOT).filter((t) => existsSync(join(TEMPLATE_ROOT, t, 'pipeline.yaml'))) : [];
}

export interface InstalledTemplate {
  scripts: string[];
  declared: Record<string, string[]>;
}

export function installPipelineTemplate(root: string, template: string): InstalledTemplate {
  const from = join(TEMPLATE_ROOT, template);
  if (!existsSync(join(from, 'pipeline.yaml'))) {
    throw invalidInput(`There is no pipeline template ${template}; templates: ${pipelineTemplates().join(', ') || 'none'}`);
  }
  const target = join(root, 'jobs', template);
  mkdirSync(target, { recursive: true });
  const scripts = readdirSync(from).filter((f) => !NOT_SCRIPTS.has(f));
  for (const f of scripts) copyFileSync(join(from, f), join(target, f));
  const declarations = parse(readFileSync(join(from, 'pipeline.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
  const file = join(root, CONFIG_FILE);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const declared: Record<string, string[]> = {};
  for (const kind of PIPELINE_KINDS) {
    for (const [name, spec] of Object.entries(declarations[kind] ?? {})) {
      doc.setIn([kind, name], doc.createNode(spec));
      (declared[kind] ??= []).push(name);
    }
  }
  const text = doc.toString();
  parseConfig(text, file); // what is written must still be a valid sluice.yaml
  writeFileSync(file, text);
  return { scripts: scripts.map((f) => `jobs/${template}/${f}`), declared };
}
