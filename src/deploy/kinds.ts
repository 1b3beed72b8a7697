// The kinds of Glue resource an exported pipeline holds, in the order they are created (each may
// refer to those before it); deletion goes in reverse.
export const DEPLOY_KINDS = [
  'securityConfigurations',
  'databases',
  'tables',
  'connections',
  'classifiers',
  'crawlers',
  'jobs',
  'workflows',
  'triggers',
  'rulesets',
] as const;
export type DeployKind = (typeof DEPLOY_KINDS)[number];

export const LABEL: Record<DeployKind, string> = {
  securityConfigurations: 'security configuration',
  databases: 'database',
  tables: 'table',
  connections: 'connection',
  classifiers: 'classifier',
  crawlers: 'crawler',
  jobs: 'job',
  workflows: 'workflow',
  triggers: 'trigger',
  rulesets: 'ruleset',
};

/** One resource: its Glue Create… request, whole (with its name), values of the environment as tokens. */
export interface Resource {
  kind: DeployKind;
  /** Unique within the kind: a table is database/table. */
  name: string;
  request: Record<string, any>;
}

/** A file uploaded to the scripts bucket. */
export interface ScriptFile {
  key: string;
  body: string;
}

export interface JobReport {
  job: string;
  /** Why the job is not exported (a TypeScript job), when it is not. */
  notExported?: string;
  /** Steps with no Glue node and behaviour that does not carry over. */
  notes: string[];
}

export interface Bundle {
  resources: Resource[];
  files: ScriptFile[];
  jobs: JobReport[];
  /** Things exported differently or left out, not tied to a job. */
  warnings: string[];
}
