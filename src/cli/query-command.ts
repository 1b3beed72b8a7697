// `sluice query "SELECT … FROM db.table"`: SQL over Data Catalog tables (src/catalog/query.ts).
import { Option, type Command } from 'commander';
import { openSluice } from '../config/compose.js';
import { invalidInput } from '../kernel/errors.js';
import { queryCatalog } from '../catalog/query.js';
import { parseTime } from '../catalog/time-travel.js';
import { reportError } from './output.js';
import { formatCsv, formatJson, formatTable } from './query-format.js';

export interface QueryFlags {
  json?: boolean;
  csv?: boolean;
  limit?: string;
  snapshotId?: string;
  asOf?: string;
}

/** A terminal cannot show millions of rows; programs asking for --json or --csv get all of them. */
const TABLE_LIMIT = 1000;

/** Runs the query and returns what to print. */
export async function runQuery(sql: string, flags: QueryFlags, cwd?: string): Promise<string> {
  let maxRows: number | undefined = flags.json || flags.csv ? undefined : TABLE_LIMIT;
  if (flags.limit !== undefined) {
    maxRows = Number(flags.limit);
    if (!/^\d+$/.test(flags.limit)) throw invalidInput(`--limit must be a whole number, not '${flags.limit}'`);
  }
  const sluice = await openSluice({ cwd });
  try {
    const snapshot =
      flags.snapshotId !== undefined
        ? { snapshotId: flags.snapshotId }
        : flags.asOf !== undefined
          ? { asOf: parseTime(flags.asOf) }
          : undefined;
    if (flags.snapshotId !== undefined && !/^\d+$/.test(flags.snapshotId))
      throw invalidInput(`--snapshot-id must be a snapshot id, not '${flags.snapshotId}'`);
    const result = await queryCatalog(sluice.services, sql, { maxRows, snapshot });
    return flags.json ? formatJson(result) : flags.csv ? formatCsv(result) : formatTable(result);
  } finally {
    await sluice.close();
  }
}

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('Run SQL over Data Catalog tables, named database.table: sluice query "SELECT * FROM sales.orders LIMIT 10"')
    .argument('<sql>', 'the SQL (DuckDB dialect); partition keys in WHERE skip the other partitions')
    .addOption(new Option('--json', 'print the rows as a JSON array').conflicts('csv'))
    .addOption(new Option('--csv', 'print the rows as CSV with a header'))
    .option('--limit <n>', `print at most n rows (default ${TABLE_LIMIT} for the table, all for --json and --csv)`)
    .addOption(
      new Option('--snapshot-id <id>', 'read Iceberg tables at this snapshot (or write FOR VERSION AS OF <id> after a table)').conflicts(
        'asOf',
      ),
    )
    .option('--as-of <time>', "read Iceberg tables as they were at this time, e.g. '2024-05-01 10:00:00 UTC' (or FOR TIMESTAMP AS OF)")
    .action(async (sql: string, flags: QueryFlags) => {
      try {
        process.stdout.write(await runQuery(sql, flags));
      } catch (err) {
        process.exitCode = reportError(err);
      }
    });
}
