// Reading what sluice.yaml declares: each entry becomes the Glue Create… request it stands for (with
// its name), `${zones.raw}`-style references are filled in, a ruleset's RulesetFile is read, and every
// entry is checked against the Glue API model — every problem reported at once, before anything runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { invalidInput } from '../../kernel/errors.js';
import { validateInput } from '../../kernel/validate.js';
import type { SluiceConfig } from '../../config/schema.js';
import { PIPELINE_KINDS, type PipelineKind } from './schema.js';

export interface Declared {
  kind: PipelineKind;
  name: string;
  /** The fields of the Create… request, without the name; Sluice extras (StartOnCreation, Watch) kept. */
  spec: Record<string, any>;
}

/** The request shape each kind is checked against, and how an entry becomes that request. */
const REQUEST: Record<PipelineKind, { shape: string; build(name: string, spec: Record<string, any>): Record<string, unknown> }> = {
  databases: { shape: 'CreateDatabaseRequest', build: (Name, spec) => ({ DatabaseInput: { Name, ...spec } }) },
  crawlers: { shape: 'CreateCrawlerRequest', build: (Name, spec) => ({ Name, ...spec }) },
  jobs: { shape: 'CreateJobRequest', build: (Name, spec) => ({ Name, ...spec }) },
  workflows: { shape: 'CreateWorkflowRequest', build: (Name, spec) => ({ Name, ...spec }) },
  triggers: { shape: 'CreateTriggerRequest', build: (Name, { Watch: _w, ...spec }) => ({ Name, ...spec }) },
  rulesets: { shape: 'CreateDataQualityRulesetRequest', build: (Name, spec) => ({ Name, ...spec }) },
};

export const createRequest = (d: Declared) => REQUEST[d.kind].build(d.name, d.spec);

function fillZones(v: unknown, zones: SluiceConfig['zones']): unknown {
  if (typeof v === 'string') return v.replace(/\$\{zones\.(raw|processed|curated)\}/g, (_m, z: keyof SluiceConfig['zones']) => zones[z]);
  if (Array.isArray(v)) return v.map((x) => fillZones(x, zones));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillZones(x, zones)]));
  return v;
}

/** The declarations of a loaded sluice.yaml, checked; InvalidInputException listing every problem. */
export function readDeclarations(root: string, config: SluiceConfig): Declared[] {
  const out: Declared[] = [];
  const problems: string[] = [];
  for (const kind of PIPELINE_KINDS) {
    for (const [name, raw] of Object.entries((config as Record<string, any>)[kind] ?? {})) {
      const spec = fillZones(raw ?? {}, config.zones) as Record<string, any>;
      if (kind === 'rulesets' && spec.RulesetFile) {
        try {
          spec.Ruleset = readFileSync(join(root, String(spec.RulesetFile)), 'utf8');
        } catch (e) {
          problems.push(`rulesets.${name}: RulesetFile ${spec.RulesetFile} cannot be read (${(e as NodeJS.ErrnoException).code})`);
        }
        delete spec.RulesetFile;
      }
      if (
        kind === 'triggers' &&
        spec.Watch !== undefined &&
        (!Array.isArray(spec.Watch) || spec.Watch.some((w: unknown) => typeof w !== 'string'))
      ) {
        problems.push(`triggers.${name}: Watch must be a list of locations`);
      }
      const d: Declared = { kind, name, spec };
      try {
        validateInput(REQUEST[kind].shape, createRequest(d));
      } catch (e) {
        problems.push(`${kind}.${name}: ${(e as Error).message}`);
      }
      out.push(d);
    }
  }
  if (problems.length)
    throw invalidInput(
      `sluice.yaml declares ${problems.length} resource${problems.length > 1 ? 's' : ''} Glue would refuse:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  return out;
}
