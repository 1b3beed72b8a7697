// A crawler's definition as Glue keeps it: defaults filled in, and checked as a whole so that a crawl
// never starts from a definition that cannot run. Sluice crawls S3Targets (local paths, file:// and
// s3://) and CatalogTargets; the other target types are refused rather than silently ignored. A crawler
// with no targets at all is accepted, as Glue accepts it (moto's suite and Terraform create such
// crawlers); its crawl finds nothing and changes nothing.
import type { Kysely } from 'kysely';
import { invalidInput } from '../kernel/errors.js';
import type { Crawler, CrawlerTargets, CreateCrawlerRequest, UpdateCrawlerRequest } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';
import { findClassifier } from './classifier-store.js';
import { parseConfiguration } from './configuration.js';
import { globToRegExp } from './glob.js';
import { checkSchedule } from './schedule.js';

const UNSUPPORTED: (keyof CrawlerTargets)[] = ['MongoDBTargets', 'DynamoDBTargets', 'DeltaTargets', 'IcebergTargets', 'HudiTargets'];

function checkTargets(t: CrawlerTargets | undefined): void {
  const s3 = t?.S3Targets ?? [];
  const catalog = t?.CatalogTargets ?? [];
  const other = UNSUPPORTED.filter((k) => (t?.[k] as unknown[] | undefined)?.length);
  if (other.length)
    throw invalidInput(`Sluice crawls S3Targets, JdbcTargets and CatalogTargets only; ${other.join(', ')} are not supported.`);
  for (const j of t?.JdbcTargets ?? []) {
    if (!j.ConnectionName || !j.Path?.trim()) throw invalidInput('Every JdbcTarget needs a ConnectionName and a Path.');
    for (const e of j.Exclusions ?? []) globToRegExp(e);
  }
  if ((s3.length || t?.JdbcTargets?.length) && catalog.length)
    throw invalidInput('CatalogTargets cannot be mixed with other target types.');
  for (const s of s3) {
    if (!s.Path?.trim()) throw invalidInput('Every S3Target needs a Path.');
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(s.Path) && !/^(s3|file):\/\//i.test(s.Path))
      throw invalidInput(`S3Target path ${s.Path} must be a local path, file:// or s3:// URL.`);
    if (s.SampleSize !== undefined && (s.SampleSize < 1 || s.SampleSize > 249))
      throw invalidInput(`SampleSize must be between 1 and 249 (was ${s.SampleSize}).`);
    for (const e of s.Exclusions ?? []) globToRegExp(e);
    if (s.EventQueueArn) throw invalidInput('S3 event mode (EventQueueArn) is not supported: Sluice has no SQS.');
  }
  const databases = new Set(catalog.map((c) => c.DatabaseName.toLowerCase()));
  if (databases.size > 1) throw invalidInput('All CatalogTargets of a crawler must be in one database.');
  for (const c of catalog) if (!c.Tables.length) throw invalidInput(`CatalogTarget ${c.DatabaseName} lists no tables.`);
}

export async function checkCrawler(db: Kysely<DB>, c: Crawler): Promise<void> {
  checkTargets(c.Targets);
  parseConfiguration(c.Configuration);
  if (c.Schedule?.ScheduleExpression) checkSchedule(c.Schedule.ScheduleExpression);
  for (const name of c.Classifiers ?? []) {
    if (!(await findClassifier(db, name))) throw invalidInput(`Classifier ${name} does not exist.`);
  }
  const recrawl = c.RecrawlPolicy?.RecrawlBehavior;
  if (recrawl === 'CRAWL_EVENT_MODE') throw invalidInput('RecrawlBehavior CRAWL_EVENT_MODE is not supported: Sluice has no SQS.');
  const policy = c.SchemaChangePolicy ?? {};
  if (recrawl === 'CRAWL_NEW_FOLDERS_ONLY' && (policy.UpdateBehavior !== 'LOG' || policy.DeleteBehavior !== 'LOG')) {
    throw invalidInput(
      'The SchemaChangePolicy for "Crawl new folders only" S3 targets can have only LOG DeleteBehavior and LOG UpdateBehavior.',
    );
  }
  if (c.TablePrefix && c.TablePrefix.length > 64) throw invalidInput('TablePrefix can be at most 64 characters.');
}

type Definition = Omit<CreateCrawlerRequest, 'Tags'> | UpdateCrawlerRequest;

/** The crawler document from a definition, on top of the current one (for UpdateCrawler). */
export function crawlerDoc(def: Definition, current?: Crawler): Crawler {
  const now = new Date();
  const recrawl = def.RecrawlPolicy ?? current?.RecrawlPolicy ?? { RecrawlBehavior: 'CRAWL_EVERYTHING' };
  const incremental = recrawl.RecrawlBehavior === 'CRAWL_NEW_FOLDERS_ONLY';
  const policy = def.SchemaChangePolicy ?? current?.SchemaChangePolicy ?? {};
  const schedule = def.Schedule !== undefined ? def.Schedule : current?.Schedule?.ScheduleExpression;
  const targets = def.Targets ?? current?.Targets;
  return {
    Name: def.Name,
    Role: def.Role ?? current?.Role,
    Targets: targets && {
      ...targets,
      S3Targets: targets.S3Targets?.map((t) => ({ ...t, Exclusions: t.Exclusions ?? [] })),
    },
    DatabaseName: def.DatabaseName ?? current?.DatabaseName,
    Description: def.Description ?? current?.Description,
    Classifiers: def.Classifiers ?? current?.Classifiers ?? [],
    RecrawlPolicy: recrawl,
    SchemaChangePolicy: {
      UpdateBehavior: policy.UpdateBehavior ?? (incremental ? 'LOG' : 'UPDATE_IN_DATABASE'),
      DeleteBehavior: policy.DeleteBehavior ?? (incremental ? 'LOG' : 'DEPRECATE_IN_DATABASE'),
    },
    LineageConfiguration: def.LineageConfiguration ?? current?.LineageConfiguration ?? { CrawlerLineageSettings: 'DISABLE' },
    State: current?.State ?? 'READY',
    TablePrefix: def.TablePrefix ?? current?.TablePrefix,
    Schedule: schedule ? { ScheduleExpression: schedule, State: current?.Schedule?.State ?? 'SCHEDULED' } : undefined,
    CrawlElapsedTime: 0,
    CreationTime: current?.CreationTime ?? now,
    LastUpdated: now,
    LastCrawl: current?.LastCrawl,
    Version: (current?.Version ?? 0) + 1,
    Configuration: def.Configuration ?? current?.Configuration,
    CrawlerSecurityConfiguration: def.CrawlerSecurityConfiguration ?? current?.CrawlerSecurityConfiguration,
    LakeFormationConfiguration: def.LakeFormationConfiguration ??
      current?.LakeFormationConfiguration ?? { UseLakeFormationCredentials: false, AccountId: '' },
  };
}
