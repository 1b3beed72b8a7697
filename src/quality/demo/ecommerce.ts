// The e-commerce demo's quality step: a ruleset for the raw orders (the defects it expects are the
// ones src/sample-data/defects.ts documents), evaluated against the customers table, printed as the
// score and the top failing rules. The demo (src/demo) runs it after cataloguing the raw zone.
import type { Sluice } from '../../kernel/services.js';
import { evaluateTable } from '../service/evaluate-table.js';

export const ECOMMERCE_ORDERS_RULESET = String.raw`# raw.orders as it lands: 2 % of orders miss one of email, channel, country or status; 1.5 % carry
# an invalid email; 0.5 % an amount outside (0, 50000]; 1 % are duplicated lines; 5 % have order_ts
# in another format. The thresholds let those rates through; the plain rules show them.
Rules = [
  RowCount > 0 labels=["severity"="critical"],
  IsComplete "order_id" labels=["severity"="critical"],
  IsComplete "customer_id",
  ReferentialIntegrity "customer_id" "customers.ID" = 1.0,
  IsUnique "order_id",
  Uniqueness "order_id" > 0.95,
  Completeness "customer_email" > 0.98,
  ColumnValues "customer_email" matches "[^\s@]+@[^\s@]+\.[^\s@]+" with threshold > 0.97,
  ColumnValues "amount" between 0 and 50000.01,
  ColumnValues "amount" between 0 and 50000.01 with threshold > 0.98,
  ColumnValues "status" in ["delivered","shipped","paid","placed","cancelled","returned"] with threshold > 0.98,
  ColumnValues "channel" in ["web","mobile_app","store","catalog"] with threshold > 0.98,
  ColumnValues "currency" in ["EUR","USD","GBP"],
  ColumnValues "order_ts" matches "\d{4}-\d{2}-\d{2}T.*" with threshold > 0.9,
  (ColumnValues "payment_method" in ["card","paypal","klarna","bank_transfer","gift_card"]) and (IsComplete "payment_method")
]
`;

/** Evaluates the ruleset on raw.orders (customers as the reference) and returns the lines to print. */
export async function runDemoQualityStep(sluice: Sluice, database = 'raw'): Promise<{ lines: string[]; score: number }> {
  const table = (t: string) => ({ GlueTable: { DatabaseName: database, TableName: t } });
  const [out] = await evaluateTable(sluice.services, {
    dataSource: table('orders'),
    additional: { customers: table('customers') },
    rulesets: [{ name: 'ecommerce-orders', text: ECOMMERCE_ORDERS_RULESET }],
    accountId: sluice.services.config.account.id,
  });
  const rules = out.result.RuleResults ?? [];
  const failing = rules.filter((r) => r.Result !== 'PASS');
  const score = out.result.Score ?? 0;
  const lines = [
    `Data quality of ${database}.orders: score ${score.toFixed(2)} (${rules.length - failing.length} of ${rules.length} rules passed)`,
  ];
  for (const r of failing.slice(0, 5))
    lines.push(`  ${r.Result} ${r.Description}${r.EvaluationMessage ? ` — ${r.EvaluationMessage.split('\n')[0]}` : ''}`);
  const m = out.result.AggregatedMetrics;
  if (m?.TotalRowsFailed !== undefined)
    lines.push(`  ${m.TotalRowsFailed} of ${m.TotalRowsProcessed} rows fail at least one rule (they would go to quarantine)`);
  return { lines, score };
}
