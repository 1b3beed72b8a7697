// `sluice sample-data`: writes the deterministic e-commerce sample data set into the raw zone
// (src/sample-data/README.md describes the data sets, the layout and the injected defects).
import type { Command } from 'commander';
import { openSluice } from '../config/compose.js';
import { DATASETS, DEFAULT_START_DATE, formatSummary, generateSampleData, type DatasetName } from '../sample-data/index.js';

interface Flags {
  seed: string;
  days: string;
  scale: string;
  startDate: string;
  filesPerDay: string;
  driftDay?: string;
  only?: string;
  clean?: boolean;
  json?: boolean;
  verbose?: boolean;
}

export function registerSampleDataCommand(program: Command): void {
  program
    .command('sample-data')
    .description(
      'Write a deterministic e-commerce data set (customers, orders, products, reviews, FX rates) with known defects into the raw zone',
    )
    .option('--seed <n>', 'PRNG seed: the same seed writes byte-identical files', '42')
    .option('--days <n>', 'days of orders and FX rates', '7')
    .option('--scale <n>', 'multiplies customers, orders and reviews (e.g. 100 for about a million orders)', '1')
    .option('--start-date <yyyy-mm-dd>', 'first order day', DEFAULT_START_DATE)
    .option('--files-per-day <n>', 'order files per day', '4')
    .option('--drift-day <n>', 'day index (from 0) from which orders carry coupon_code (default: 60 % into the period)')
    .option('--only <datasets>', `comma-separated subset of ${DATASETS.join(', ')}`)
    .option('--clean', "delete what is in the data sets' folders of the raw zone first")
    .option('--json', 'print the summary as JSON')
    .option('--verbose', 'print each file as it is written')
    .action(async (f: Flags) => {
      const sluice = await openSluice();
      try {
        const summary = await generateSampleData(
          sluice.services,
          {
            seed: Number(f.seed),
            days: Number(f.days),
            scale: Number(f.scale),
            startDate: f.startDate,
            filesPerDay: Number(f.filesPerDay),
            driftDay: f.driftDay === undefined ? undefined : Number(f.driftDay),
            datasets: f.only?.split(',').map((s) => s.trim() as DatasetName),
            clean: f.clean,
          },
          f.verbose
            ? (dataset, file) => process.stderr.write(`  ${dataset}: ${file.key} (${file.rows} rows, ${file.bytes} bytes)\n`)
            : undefined,
        );
        process.stdout.write(f.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
      } finally {
        await sluice.close();
      }
    });
}
