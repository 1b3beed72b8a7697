// Cataloguing a whole zone: a crawler named after the zone (created on first use) crawls it into the
// database of the same name, here and now. The demo catalogues the raw zone this way.
import type { Sluice } from '../kernel/services.js';
import { SluiceError } from '../kernel/errors.js';
import { crawlNow } from './crawl-now.js';

export async function crawlZone(sluice: Sluice, zone: 'raw' | 'processed' | 'curated'): Promise<{ tables: string[]; ms: number }> {
  const started = Date.now();
  const path = sluice.services.config.zones[zone];
  try {
    await sluice.call('CreateCrawler', { Name: zone, Role: 'sluice', DatabaseName: zone, Targets: { S3Targets: [{ Path: path }] } });
  } catch (e) {
    if (!(e instanceof SluiceError && e.type === 'AlreadyExistsException')) throw e;
  }
  const crawl = await crawlNow(sluice, zone);
  if (crawl.state !== 'COMPLETED') throw new Error(`The crawl of ${path} ended ${crawl.state}: ${crawl.errorMessage ?? ''}`);
  const tables: string[] = [];
  for (const t of (await sluice.call('GetTables', { DatabaseName: zone })).TableList) {
    const partitions = t.PartitionKeys?.length
      ? (await sluice.call('GetPartitions', { DatabaseName: zone, TableName: t.Name })).Partitions.length
      : 0;
    tables.push(`${zone}.${t.Name}${partitions ? ` (${partitions} partitions)` : ''}`);
  }
  return { tables, ms: Date.now() - started };
}
