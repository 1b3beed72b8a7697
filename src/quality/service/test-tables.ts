// Test fixtures for the service tests: a CSV file under the project's lake, catalogued as a table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sluice } from '../../kernel/services.js';
import { isActiveIn, QUALITY_EVALUATIONS } from '../../runs/kinds.js';

export const ORDERS_CSV = `id,customer,amount,status
1,alice,10.5,shipped
2,bob,20,shipped
3,,5,pending
4,dave,-1,cancelled
`;

/** Writes `csv` to <dir>/lake/raw/<table>/data.csv and catalogues it as database.table. */
export async function csvTable(
  sluice: Sluice,
  dir: string,
  database: string,
  table: string,
  csv: string,
  columns: [string, string][],
): Promise<void> {
  const folder = join(dir, 'lake', 'raw', `${database}-${table}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'data.csv'), csv);
  await sluice.call('CreateDatabase', { DatabaseInput: { Name: database } }).catch((e: { type?: string }) => {
    if (e.type !== 'AlreadyExistsException') throw e;
  });
  await sluice.call('CreateTable', {
    DatabaseName: database,
    TableInput: {
      Name: table,
      Parameters: { classification: 'csv', 'skip.header.line.count': '1' },
      StorageDescriptor: { Location: folder, Columns: columns.map(([Name, Type]) => ({ Name, Type })) },
    },
  });
}

export const ORDERS_COLUMNS: [string, string][] = [
  ['id', 'bigint'],
  ['customer', 'string'],
  ['amount', 'double'],
  ['status', 'string'],
];

/** Polls until the run leaves STARTING/RUNNING/STOPPING (the detached worker is a separate process). */
export async function waitForRun(sluice: Sluice, operation: string, runId: string, timeoutMs = 45_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await sluice.call(operation, { RunId: runId });
    if (!isActiveIn(QUALITY_EVALUATIONS, run.Status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.Status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
