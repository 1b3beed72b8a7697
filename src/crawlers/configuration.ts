// The crawler's Configuration: a versioned JSON string (Glue's "crawler configuration options").
// Unknown keys are rejected rather than ignored, so a typo cannot silently change what a crawl writes.
import { invalidInput } from '../kernel/errors.js';

export interface CrawlerSettings {
  /** TableGroupingPolicy CombineCompatibleSchemas: group folders whatever their schemas' similarity. */
  combineCompatibleSchemas: boolean;
  /** TableLevelConfiguration: tables sit at this absolute folder level (1 = bucket / filesystem root). */
  tableLevel?: number;
  /** Tables AddOrUpdateBehavior MergeNewColumns: add columns, never drop or retype them. */
  mergeNewColumns: boolean;
  /** TableThreshold: a crawl that finds more tables fails and writes nothing. */
  tableThreshold?: number;
  /**
   * Partitions take their schema and formats from the table. Sluice's default is on (partitions whose
   * schema disagrees with their table are a classic Glue complaint); "AddOrUpdateBehavior": "None" turns it off.
   */
  inheritFromTable: boolean;
  /** Writes 'partition_filtering.enabled' on partitioned tables (Glue's partition indexes). */
  createPartitionIndex: boolean;
}

export const DEFAULT_SETTINGS: CrawlerSettings = {
  combineCompatibleSchemas: false,
  mergeNewColumns: false,
  inheritFromTable: true,
  createPartitionIndex: true,
};

const fail = (why: string) => invalidInput(`Crawler configuration is invalid: ${why}`);

function object(v: unknown, where: string, keys: string[]): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw fail(`${where} must be a JSON object`);
  const unknown = Object.keys(v).filter((k) => !keys.includes(k));
  if (unknown.length) throw fail(`unknown key ${unknown.map((k) => `${where}.${k}`).join(', ')} (known: ${keys.join(', ')})`);
  return v as Record<string, unknown>;
}

function positiveInt(v: unknown, where: string): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n <= 0) throw fail(`${where} must be a positive integer`);
  return n;
}

function oneOf(v: unknown, where: string, allowed: string[]): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !allowed.includes(v)) throw fail(`${where} must be one of ${allowed.join(', ')}`);
  return v;
}

export function parseConfiguration(text: string | undefined): CrawlerSettings {
  if (text === undefined || text.trim() === '') return { ...DEFAULT_SETTINGS };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw fail(`not JSON (${(e as Error).message})`);
  }
  const top = object(raw, 'Configuration', ['Version', 'Grouping', 'CrawlerOutput', 'CreatePartitionIndex']);
  if (top.Version !== undefined && Number(top.Version) !== 1) throw fail('Version must be 1.0');
  const grouping = object(top.Grouping ?? {}, 'Grouping', ['TableGroupingPolicy', 'TableLevelConfiguration']);
  const output = object(top.CrawlerOutput ?? {}, 'CrawlerOutput', ['Tables', 'Partitions']);
  const tables = object(output.Tables ?? {}, 'CrawlerOutput.Tables', ['AddOrUpdateBehavior', 'TableThreshold']);
  const partitions = object(output.Partitions ?? {}, 'CrawlerOutput.Partitions', ['AddOrUpdateBehavior']);
  if (top.CreatePartitionIndex !== undefined && typeof top.CreatePartitionIndex !== 'boolean')
    throw fail('CreatePartitionIndex must be true or false');
  return {
    combineCompatibleSchemas:
      oneOf(grouping.TableGroupingPolicy, 'Grouping.TableGroupingPolicy', ['CombineCompatibleSchemas']) !== undefined,
    tableLevel: positiveInt(grouping.TableLevelConfiguration, 'Grouping.TableLevelConfiguration'),
    mergeNewColumns: oneOf(tables.AddOrUpdateBehavior, 'CrawlerOutput.Tables.AddOrUpdateBehavior', ['MergeNewColumns']) !== undefined,
    tableThreshold: positiveInt(tables.TableThreshold, 'CrawlerOutput.Tables.TableThreshold'),
    inheritFromTable:
      oneOf(partitions.AddOrUpdateBehavior, 'CrawlerOutput.Partitions.AddOrUpdateBehavior', ['InheritFromTable', 'None']) !== 'None',
    createPartitionIndex: top.CreatePartitionIndex !== false,
  };
}
