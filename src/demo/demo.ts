// `sluice demo`: the pipeline end to end on the embedded default (SQLite + local folders + DuckDB),
// in a fresh project folder. Each step prints what it did, so the output reads as a walkthrough.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initProject } from '../config/project.js';
import { openSluice } from '../config/compose.js';
import { generateSampleData } from '../sample-data/index.js';
import { queryCatalog } from '../catalog/query.js';
import { formatTable } from '../cli/query-format.js';
import { crawlZone } from '../crawlers/crawl-zone.js';
import { runDemoQualityStep } from '../quality/demo/ecommerce.js';
import { runTemplate } from '../jobs/templates/run-template.js';
import { runDemoWorkflowSteps } from '../workflows/report/demo-steps.js';

export const DEMO_NAME = 'sluice-demo';

export interface DemoOptions {
  dir: string;
  /** Multiplies the sample data (default 1). */
  scale?: number;
  log?: (line: string) => void;
}

export const DEMO_QUERIES: { title: string; sql: string }[] = [
  {
    title: 'Orders per day (partition columns come from the catalog)',
    sql: `SELECT partition_0 || '-' || partition_1 || '-' || partition_2 AS day, count(*) AS orders, round(sum(amount), 2) AS revenue
          FROM raw.orders GROUP BY ALL ORDER BY day`,
  },
  {
    title: 'One day only: the other partitions are pruned, never read',
    sql: `SELECT status, count(*) AS orders FROM raw.orders
          WHERE partition_0 = '2024' AND partition_1 = '03' AND partition_2 = '05' GROUP BY status ORDER BY orders DESC`,
  },
  {
    title: 'Best-selling categories (orders joined to products)',
    sql: `SELECT p.category, sum(i.quantity) AS units
          FROM (SELECT unnest(items) AS i FROM raw.orders) o, raw.products p
          WHERE p.product_id = o.i.product_id GROUP BY p.category ORDER BY units DESC LIMIT 5`,
  },
  {
    title: 'Daily sales in EUR after cleaning (curated.daily_sales, written by the processing job)',
    sql: `SELECT order_date, orders, customers, revenue_eur FROM curated.daily_sales ORDER BY order_date`,
  },
  {
    title: 'Best customers (curated.customer_summary: orders joined to customers)',
    sql: `SELECT customer_id, education, orders, revenue_eur FROM curated.customer_summary ORDER BY revenue_eur DESC LIMIT 3`,
  },
];

/** Refuses to wipe a folder that is not an earlier demo project. */
function prepareDir(dir: string): void {
  const config = join(dir, 'sluice.yaml');
  if (!existsSync(dir)) return;
  if (existsSync(config) && readFileSync(config, 'utf8').includes(`name: ${DEMO_NAME}`)) {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  throw new Error(`${dir} exists and is not a Sluice demo project; choose another folder (sluice demo <dir>).`);
}

export async function runDemo(options: DemoOptions): Promise<void> {
  const log = options.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const dir = resolve(options.dir);
  prepareDir(dir);
  const project = initProject(dir, { name: DEMO_NAME });
  log(`1. Project created in ${dir}`);
  const sluice = await openSluice({ project });
  try {
    const started = Date.now();
    const summary = await generateSampleData(sluice.services, { scale: options.scale ?? 1 });
    const rows = summary.datasets.reduce((n, d) => n + d.rows, 0);
    log(
      `2. Sample data written to the raw zone: ${summary.datasets.map((d) => `${d.name} ${d.rows} rows`).join(', ')} (${rows} rows, ${Date.now() - started} ms)`,
    );

    const crawled = await crawlZone(sluice, 'raw');
    log(`3. Catalog: crawler raw found database raw with ${crawled.tables.join(', ')} (${crawled.ms} ms)`);

    log('4. Jobs (templates/ecommerce): ingestion raw → processed, processing processed → curated');
    const runs = await runTemplate(sluice, 'ecommerce', (line) => log(`   ${line}`));
    const failed = runs.find((r) => r.state !== 'SUCCEEDED');
    if (failed) throw new Error(`job ${failed.job} ended ${failed.state}: ${failed.errorMessage ?? ''}`);

    log('5. SQL over the catalog (sluice query):');
    for (const q of DEMO_QUERIES) {
      const result = await queryCatalog(sluice.services, q.sql);
      log(`\n   ${q.title}`);
      log(formatTable(result).trimEnd().replace(/^/gm, '   '));
    }
    const quality = await runDemoQualityStep(sluice);
    log(`\n6. ${quality.lines.join('\n   ')}`);
    // The whole pipeline as one workflow (src/workflows): apply it as code, land a new day, run it.
    log('');
    const workflow = await runDemoWorkflowSteps(sluice, log, 7);
    if (workflow.status !== 'COMPLETED' || workflow.steps.some((st) => st.state !== 'SUCCEEDED'))
      throw new Error(`workflow run ${workflow.runId} did not succeed at every step`);
    const bin = relative(dir, fileURLToPath(new URL('../../bin/sluice.js', import.meta.url)));
    log(
      `\nDone. Try it yourself:\n  cd ${dir}\n  ${bin} query "SELECT * FROM raw.orders LIMIT 5"\n  ${bin} glue get-tables --database-name raw`,
    );
    log(
      `\nLet it run by itself: start the server (scheduler, file watcher and workflow executor included)\n  ${bin} server --dev\n` +
        `then drop a file into ${project.config.zones.raw}/ (the EVENT trigger starts the workflow within a minute; the nightly trigger runs it at 02:00 UTC)\n` +
        `and follow it: ${bin} glue get-workflow-runs --name ecommerce --endpoint-url http://127.0.0.1:${project.config.server.port}`,
    );
  } finally {
    await sluice.close();
  }
}
