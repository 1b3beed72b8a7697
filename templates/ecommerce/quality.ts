// Quality: the curated orders against the DQDL ruleset in --ruleset-file (the same file sluice.yaml
// declares as ruleset ecommerce-curated-orders). The result goes to the data-quality history; a
// critical rule that fails fails this run, so the workflow does not go on to update the catalog.
import { readFileSync } from 'node:fs';
import type { GlueContext } from 'sluice/job';

export default async function qualityEcommerce(glue: GlueContext): Promise<void> {
  const options = glue.getResolvedOptions(['ruleset-file', 'ruleset-name']);
  const orders = await glue.fromCatalog({ database: 'curated', table: 'orders_enriched' });
  const outcome = await orders.evaluateDataQuality({
    ruleset: readFileSync(options['ruleset-file'], 'utf8'),
    rulesetName: options['ruleset-name'],
    sourceKey: 'curated.orders_enriched',
  });
  glue.log('data quality evaluated', { score: outcome.score, resultId: outcome.resultId, failedRules: outcome.failedRules });
}
