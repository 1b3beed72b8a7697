// CatalogTargets: the crawler re-reads the locations of existing catalog tables and updates them and
// their partitions; it never creates a table. Each table is one group (CombineCompatibleSchemas is
// implied) whose partition keys keep the names the table already has.
import type { CatalogTarget, Table } from '../kernel/glue-types.js';
import { norm } from '../catalog/common.js';
import { scanTarget, type ScanContext } from './scan.js';
import { buildTable, type BuildContext, type CrawledTable } from './table-build.js';

const depthOf = (folder: string) => (folder === '' ? 0 : folder.split('/').length - 1);

export async function catalogTargetTables(
  scan: ScanContext,
  targets: CatalogTarget[],
  existing: Map<string, Table>,
  build: Omit<BuildContext, 'include' | 'includeIsFile' | 'exclusions'>,
  warn: (message: string) => void,
): Promise<CrawledTable[]> {
  const out: CrawledTable[] = [];
  for (const target of targets) {
    for (const name of target.Tables) {
      const table = existing.get(norm(name));
      const location = table?.StorageDescriptor?.Location;
      if (!table || !location) {
        warn(
          table
            ? `Catalog target table ${name} has no location to crawl`
            : `Catalog target table ${target.DatabaseName}.${name} does not exist`,
        );
        continue;
      }
      const scanned = await scanTarget(scan, location, { warn });
      const keys = table.PartitionKeys ?? [];
      const fits = scanned.units.filter((u) => depthOf(u.folder) === keys.length);
      for (const u of scanned.units) {
        if (!fits.includes(u)) warn(`${location}${u.folder} is not ${keys.length} folder level(s) below table ${table.Name}: left out`);
      }
      if (!fits.length) {
        warn(`No readable data under ${location} for catalog target table ${table.Name}`);
        continue;
      }
      const crawled = buildTable({ root: '', units: fits, depth: keys.length }, table.Name, {
        ...build,
        include: location.replace(/\/+$/, ''),
        includeIsFile: scanned.includeIsFile,
      });
      if (keys.length) crawled.input.PartitionKeys = keys;
      out.push(crawled);
    }
  }
  return out;
}
