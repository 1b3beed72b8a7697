// Processing: processed → curated, with the job SDK. Orders are de-duplicated, orders with a bad or
// missing e-mail or an implausible amount are quarantined with the reason, amounts are converted
// to EUR with the FX rate of the order's hour, orders are joined to customers, and daily and
// per-customer aggregates are written. The curated tables are rebuilt whole on every run.
import type { GlueContext } from 'sluice/job';

export default async function processEcommerce(glue: GlueContext): Promise<void> {
  const orders = await glue.fromCatalog({ database: 'processed', table: 'orders' });
  const customers = await glue.fromCatalog({ database: 'processed', table: 'customers' });
  const fx = await glue.fromCatalog({ database: 'processed', table: 'fx_rates' });

  const unique = await orders.dropDuplicates(['order_id'], { orderBy: '_ingest_ts', quarantine: true });
  const withEmail = await unique.quarantine('customer_email IS NULL', 'missing customer_email');
  const validEmail = await withEmail.quarantine("NOT regexp_full_match(customer_email, '[^@\\s]+@[^@\\s]+\\.[a-z]{2,}')", { sql: "'invalid customer_email: ' || customer_email" });
  const valid = await validEmail.quarantine('amount < 0 OR amount > 50000', { sql: "'amount out of range: ' || amount" });

  // fx_rates holds EUR → quote rates per hour; an amount in currency X is EUR × rate.
  const inEur = await glue.sql(
    `SELECT o.*, round(CASE WHEN o.currency = 'EUR' THEN o.amount ELSE o.amount / fx.rate END, 2) AS amount_eur
     FROM o LEFT JOIN (SELECT quote, ts, any_value(rate) AS rate FROM fx GROUP BY quote, ts) fx
       ON fx.quote = o.currency AND fx.ts = date_trunc('hour', o.order_ts)`,
    { o: valid, fx },
  );
  const enriched = await glue.sql(
    `SELECT o.* EXCLUDE (_source_file, _ingest_ts, _run_id), c.education, c.marital_status, c.income
     FROM o LEFT JOIN c ON c.id = o.customer_id`,
    { o: inEur, c: customers },
  );
  await glue.write(enriched, { database: 'curated', table: 'orders_enriched', path: `${glue.zones.curated}/orders_enriched`, partitionKeys: ['dt'], mode: 'overwrite' });

  const daily = await glue.sql(
    `SELECT order_date, count(*) AS orders, count(DISTINCT customer_id) AS customers,
            round(sum(amount_eur), 2) AS revenue_eur, round(avg(amount_eur), 2) AS avg_order_eur
     FROM e GROUP BY order_date ORDER BY order_date`,
    { e: enriched },
  );
  await glue.write(daily, { database: 'curated', table: 'daily_sales', path: `${glue.zones.curated}/daily_sales`, mode: 'overwrite' });

  const perCustomer = await glue.sql(
    `SELECT customer_id, any_value(education) AS education, any_value(marital_status) AS marital_status,
            count(*) AS orders, round(sum(amount_eur), 2) AS revenue_eur,
            min(order_ts) AS first_order, max(order_ts) AS last_order
     FROM e GROUP BY customer_id`,
    { e: enriched },
  );
  await glue.write(perCustomer, { database: 'curated', table: 'customer_summary', path: `${glue.zones.curated}/customer_summary`, mode: 'overwrite' });
  await glue.commit();
}
