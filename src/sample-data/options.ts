// Options of generateSampleData and `sluice sample-data`, their defaults and their validation.
import { invalidInput } from '../kernel/errors.js';
import { parseDay } from './calendar.js';

export const DATASETS = ['customers', 'products', 'fx_rates', 'orders', 'reviews'] as const;
export type DatasetName = (typeof DATASETS)[number];

/** Where each data set goes, relative to the raw zone. */
export const LAYOUT: Record<DatasetName, string> = {
  customers: 'customers/marketing_campaign.tsv',
  products: 'products/products.parquet',
  fx_rates: 'fx_rates/', // + yyyy-mm-dd.json
  orders: 'orders/', // + incoming/yyyy/mm/dd/orders-NNNN.json.gz
  reviews: 'reviews/reviews.csv',
};

export interface SampleDataOptions {
  /** Default 42. The same seed gives byte-identical files. */
  seed?: number;
  /** Days of orders and FX rates. Default 7. */
  days?: number;
  /** Multiplies customers, orders and reviews (fractions allowed, e.g. 0.1 for tests). Default 1. */
  scale?: number;
  /** First order day, yyyy-mm-dd. Fixed by default so output never depends on today. */
  startDate?: string;
  /** Order files per day, each covering an equal slice of the day. Default 4. */
  filesPerDay?: number;
  /** Day index (0-based) from which orders carry coupon_code. Default: 60 % into the period. */
  driftDay?: number;
  /** Only these data sets (the others are still modelled, so references stay consistent). */
  datasets?: readonly DatasetName[];
  /** Delete what is under each selected data set's folder first, so no stale files remain. */
  clean?: boolean;
}

export const DEFAULT_START_DATE = '2024-03-04';

export type ResolvedOptions = Required<Omit<SampleDataOptions, 'startDate'>> & { start: number; startDate: string };

export function resolveOptions(o: SampleDataOptions): ResolvedOptions {
  const days = o.days ?? 7;
  const resolved = {
    seed: o.seed ?? 42,
    days,
    scale: o.scale ?? 1,
    startDate: o.startDate ?? DEFAULT_START_DATE,
    start: parseDay(o.startDate ?? DEFAULT_START_DATE),
    filesPerDay: o.filesPerDay ?? 4,
    driftDay: o.driftDay ?? (days > 1 ? Math.max(1, Math.floor(days * 0.6)) : days),
    datasets: o.datasets ?? DATASETS,
    clean: o.clean ?? false,
  };
  const problems: string[] = [];
  if (!Number.isSafeInteger(resolved.seed) || resolved.seed < 0) problems.push('seed must be a non-negative integer');
  if (!Number.isInteger(days) || days < 1 || days > 3660) problems.push('days must be an integer from 1 to 3660');
  if (!(resolved.scale > 0 && resolved.scale <= 100_000)) problems.push('scale must be a number above 0 and at most 100000');
  if (!Number.isInteger(resolved.filesPerDay) || resolved.filesPerDay < 1 || resolved.filesPerDay > 24)
    problems.push('filesPerDay must be an integer from 1 to 24');
  if (!Number.isInteger(resolved.driftDay) || resolved.driftDay < 0) problems.push('driftDay must be a non-negative integer');
  for (const d of resolved.datasets) if (!DATASETS.includes(d)) problems.push(`unknown data set '${d}' (known: ${DATASETS.join(', ')})`);
  if (problems.length) throw invalidInput(`Invalid sample-data options: ${problems.join('; ')}`);
  return resolved;
}
