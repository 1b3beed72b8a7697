// reviews: customer reviews as CSV whose free-text fields hold commas, double quotes and line
// breaks, the traps that break naive CSV readers and that a crawler's classifier must survive.
import { Rng } from './prng.js';
import { DAY_MS, isoDay } from './calendar.js';
import { REVIEW_DEFECT_RATES, REVIEW_TEXT_RATES } from './defects.js';
import { csvRow } from './csv.js';
import type { CustomerIds } from './people.js';
import type { Catalogue } from './products.js';
import { REVIEW_PHRASES, REVIEW_TITLES } from './vocab.js';

/** Reviews at --scale 1. */
export const REVIEWS_BASE = 1500;
/** Reviews span the half year before the first order day as well as the order days. */
export const REVIEW_HISTORY_DAYS = 180;

export const REVIEW_COLUMNS = [
  'review_id',
  'product_id',
  'customer_id',
  'rating',
  'title',
  'review_text',
  'review_date',
  'verified_purchase',
  'helpful_votes',
];

export interface ReviewStats {
  reviews: number;
  missingTitle: number;
  multiLine: number;
  quoted: number;
}

export interface ReviewContext {
  count: number;
  start: number;
  days: number;
  customers: CustomerIds;
  catalogue: Catalogue;
  stats: ReviewStats;
}

export function* reviewLines(seed: number | string, ctx: ReviewContext): Generator<string> {
  const rng = new Rng(seed, 'reviews');
  const first = ctx.start - REVIEW_HISTORY_DAYS * DAY_MS;
  for (let i = 1; i <= ctx.count; i++) {
    const rating = Number(rng.weighted({ 5: 45, 4: 25, 3: 12, 2: 8, 1: 10 }));
    const mood = rating >= 4 ? 'good' : rating === 3 ? 'mixed' : 'bad';
    const product = ctx.catalogue.pick(rng);
    const missingTitle = rng.chance(REVIEW_DEFECT_RATES.missingTitle);
    const title = missingTitle ? '' : rng.pick(REVIEW_TITLES[mood]);
    if (missingTitle) ctx.stats.missingTitle++;
    ctx.stats.reviews++;
    yield csvRow([
      `R${String(i).padStart(8, '0')}`,
      product.product_id,
      ctx.customers.randomId(rng),
      rating,
      title,
      reviewText(rng, mood, product.name, ctx.stats),
      isoDay(first + rng.int(0, REVIEW_HISTORY_DAYS + ctx.days - 1) * DAY_MS),
      rng.chance(0.8),
      Math.floor(rng.logNormal(1, 1.2)),
    ]);
  }
}

function reviewText(rng: Rng, mood: 'good' | 'mixed' | 'bad', productName: string, stats: ReviewStats): string {
  const phrases = REVIEW_PHRASES[mood];
  // Two phrases joined with a comma: most texts need quoting even without the rarer traps below.
  const first = rng.int(0, phrases.length - 1);
  const second = (first + rng.int(1, phrases.length - 1)) % phrases.length; // never the same phrase twice
  let text = `${phrases[first]}, ${phrases[second].toLowerCase()}.`;
  if (rng.chance(REVIEW_TEXT_RATES.quoted)) {
    stats.quoted++;
    text = `The "${productName}" ${mood === 'bad' ? 'was a letdown' : 'is as described'}. ${text}`;
  }
  if (rng.chance(REVIEW_TEXT_RATES.multiLine)) {
    stats.multiLine++;
    text += `\n\n${rng.pick(phrases)}.\n${mood === 'bad' ? 'Returned it.' : 'Thanks!'}`;
  }
  return text;
}
