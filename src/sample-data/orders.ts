// orders: order transactions as gzip NDJSON under incoming/YYYY/MM/DD/, a few files per day like
// batches landing from a shop's export. Lines are generated one at a time (see sink.ts), so the
// number of orders is bounded by disk, not memory.
import { Rng, round2 } from './prng.js';
import { DAY_MS, HOUR_MS, dayFirstSlashed, dayPath, isoSeconds } from './calendar.js';
import { ORDER_AMOUNT_VALID_RANGE, ORDER_DEFECT_RATES, ORDER_NULLABLE_FIELDS } from './defects.js';
import { corruptEmail, type CustomerIds } from './people.js';
import type { Catalogue } from './products.js';
import type { FxSeries } from './fx-rates.js';
import { COUPON_CODES } from './vocab.js';

/** Orders per day at --scale 1 (before weekday and day-to-day variation). */
export const ORDERS_PER_DAY_BASE = 1500;

export interface OrderPlan {
  start: number;
  days: number;
  ordersPerDay: number;
  filesPerDay: number;
  /** Day index from which orders carry coupon_code; >= days means no drift. */
  driftDay: number;
}

export interface OrderFile {
  day: number;
  /** Relative to the orders folder, e.g. incoming/2024/03/04/orders-0002.json.gz */
  path: string;
  windowStart: number;
  windowEnd: number;
  orders: number;
}

export interface OrderStats {
  orders: number;
  duplicate: number;
  missingValue: number;
  invalidEmail: number;
  outOfRangeAmount: number;
  dateDayFirst: number;
  dateEpochSeconds: number;
}

// Weekend shoppers (Sun = 0) and the time of day people shop, by hour.
const WEEKDAY = [1.2, 0.9, 0.95, 1, 1, 1.05, 1.25];
const HOURLY = [0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.3, 0.6, 0.9, 1, 1.1, 1.2, 1.3, 1.2, 1.1, 1.1, 1.2, 1.3, 1.5, 1.8, 2, 1.8, 1.2, 0.6];
const HOURLY_TOTAL = HOURLY.reduce((a, b) => a + b, 0);
const COUNTRY = { DE: 22, FR: 15, ES: 10, IT: 10, NL: 8, US: 20, GB: 15 };
const CURRENCY: Record<string, string> = { US: 'USD', GB: 'GBP' };
const STATUS = { delivered: 55, shipped: 15, paid: 12, placed: 8, cancelled: 6, returned: 4 };
const CHANNEL = { web: 50, mobile_app: 30, store: 12, catalog: 8 };
const PAYMENT = { card: 45, paypal: 25, klarna: 12, bank_transfer: 10, gift_card: 8 };

/** Which files each day gets and how many orders each holds; drawn from its own stream. */
export function planOrderFiles(seed: number | string, plan: OrderPlan): OrderFile[] {
  const rng = new Rng(seed, 'order-volume');
  const files: OrderFile[] = [];
  const hoursPerFile = 24 / plan.filesPerDay;
  for (let day = 0; day < plan.days; day++) {
    const t0 = plan.start + day * DAY_MS;
    const dayOrders = plan.ordersPerDay * WEEKDAY[new Date(t0).getUTCDay()] * rng.logNormal(1, 0.08);
    for (let k = 0; k < plan.filesPerDay; k++) {
      const from = k * hoursPerFile;
      const to = (k + 1) * hoursPerFile;
      let weight = 0;
      for (let h = Math.floor(from); h < Math.ceil(to); h++) weight += HOURLY[h] * (Math.min(h + 1, to) - Math.max(h, from));
      files.push({
        day,
        path: `incoming/${dayPath(t0)}/orders-${String(k + 1).padStart(4, '0')}.json.gz`,
        windowStart: t0 + from * HOUR_MS,
        windowEnd: t0 + to * HOUR_MS,
        orders: Math.round((dayOrders * weight) / HOURLY_TOTAL),
      });
    }
  }
  return files;
}

export interface OrderContext {
  rng: Rng;
  plan: OrderPlan;
  customers: CustomerIds;
  catalogue: Catalogue;
  fx: FxSeries;
  stats: OrderStats;
  /** The next order number; advanced as orders are generated. */
  nextSeq: number;
}

/** The lines of one file, exact duplicates included. Must be consumed in file order. */
export function* orderLines(ctx: OrderContext, file: OrderFile): Generator<string> {
  const { rng } = ctx;
  // Duplicates re-appear 1–20 lines later, as a retried export would write them; the queue is small.
  const pending: { line: string; due: number }[] = [];
  const span = file.windowEnd - file.windowStart;
  for (let j = 0; j < file.orders; j++) {
    const t = file.windowStart + Math.floor(((j + rng.next()) / file.orders) * span);
    const line = JSON.stringify(buildOrder(ctx, t, file.day >= ctx.plan.driftDay));
    yield line;
    if (rng.chance(ORDER_DEFECT_RATES.duplicate)) pending.push({ line, due: j + rng.int(1, 20) });
    while (pending.length && pending[0].due <= j) {
      ctx.stats.duplicate++;
      yield pending.shift()!.line;
    }
  }
  for (const p of pending) {
    ctx.stats.duplicate++;
    yield p.line;
  }
}

function buildOrder(ctx: OrderContext, t: number, drifted: boolean): Record<string, unknown> {
  const { rng, stats } = ctx;
  stats.orders++;
  const customerId = ctx.customers.randomId(rng);
  const country = rng.weighted(COUNTRY);
  const currency = CURRENCY[country] ?? 'EUR';
  const fx = ctx.fx.rate(currency, t);
  const items = [];
  let amount = 0;
  for (let n = Number(rng.weighted({ 1: 40, 2: 28, 3: 17, 4: 10, 5: 5 })); n > 0; n--) {
    const p = ctx.catalogue.pick(rng);
    const quantity = Number(rng.weighted({ 1: 70, 2: 20, 3: 7, 4: 2, 6: 1 }));
    const unitPrice = round2(p.unit_price * fx);
    items.push({ product_id: p.product_id, quantity, unit_price: unitPrice });
    amount += quantity * unitPrice;
  }
  const order: Record<string, unknown> = {
    order_id: `ORD-${String(ctx.nextSeq++).padStart(9, '0')}`,
    customer_id: customerId,
    customer_email: ctx.customers.emailFor(customerId),
    order_ts: formatTs(rng, stats, t),
    status: rng.weighted(STATUS),
    channel: rng.weighted(CHANNEL),
    currency,
    items,
    amount: round2(amount),
    shipping_country: country,
    payment_method: rng.weighted(PAYMENT),
  };
  // Schema drift: the shop started offering coupons; the key is present on every later order.
  if (drifted) order.coupon_code = rng.chance(0.25) ? rng.pick(COUPON_CODES) : null;
  injectValueDefect(rng, stats, order);
  return order;
}

function formatTs(rng: Rng, stats: OrderStats, t: number): string | number {
  const r = rng.next();
  if (r < ORDER_DEFECT_RATES.dateDayFirst) {
    stats.dateDayFirst++;
    return dayFirstSlashed(t);
  }
  if (r < ORDER_DEFECT_RATES.dateDayFirst + ORDER_DEFECT_RATES.dateEpochSeconds) {
    stats.dateEpochSeconds++;
    return Math.floor(t / 1000);
  }
  return isoSeconds(t);
}

/** At most one value defect per order, so each documented rate is that defect's exact probability. */
function injectValueDefect(rng: Rng, stats: OrderStats, order: Record<string, unknown>): void {
  const { missingValue, invalidEmail, outOfRangeAmount } = ORDER_DEFECT_RATES;
  const r = rng.next();
  if (r < missingValue) {
    stats.missingValue++;
    order[rng.pick(ORDER_NULLABLE_FIELDS)] = null;
  } else if (r < missingValue + invalidEmail) {
    stats.invalidEmail++;
    order.customer_email = corruptEmail(order.customer_email as string, rng);
  } else if (r < missingValue + invalidEmail + outOfRangeAmount) {
    stats.outOfRangeAmount++;
    const amount = order.amount as number;
    order.amount = rng.chance(0.5) ? -amount : round2(amount * 1000 + ORDER_AMOUNT_VALID_RANGE.max * 2);
  }
}
