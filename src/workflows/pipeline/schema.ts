// Pipeline as code: the resources sluice.yaml may declare, each kind a map from name to the fields of
// its Glue Create… request (without the name). The shape is checked here at start-up; each entry is
// checked against the Glue API model when `sluice plan` or `sluice apply` reads it.
import { z } from 'zod';

const entries = (what: string) =>
  z
    .record(z.string().min(1), z.record(z.string(), z.unknown()))
    .optional()
    .describe(`${what}, by name: the fields of its Glue Create request`);

export const pipelineShape = {
  databases: entries('Databases (CreateDatabase DatabaseInput)'),
  crawlers: entries('Crawlers (CreateCrawler)'),
  jobs: entries('Jobs (CreateJob)'),
  workflows: entries('Workflows (CreateWorkflow)'),
  triggers: entries('Triggers (CreateTrigger, with StartOnCreation; EVENT triggers may give Watch: [locations])'),
  rulesets: entries('Data-quality rulesets (CreateDataQualityRuleset; RulesetFile reads the DQDL from a file)'),
};

export const PIPELINE_KINDS = ['databases', 'crawlers', 'jobs', 'workflows', 'triggers', 'rulesets'] as const;
export type PipelineKind = (typeof PIPELINE_KINDS)[number];
export type PipelineDeclarations = Partial<Record<PipelineKind, Record<string, Record<string, unknown>>>>;
