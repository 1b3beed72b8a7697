// products: the catalogue orders and reviews refer to. Its categories are the Kaggle set's product
// lines (wines, fruits, meat, fish, sweets, gold), so customer spending and orders tell one story.
import { Rng, round2 } from './prng.js';
import { DAY_MS, isoDay } from './calendar.js';
import { PRODUCT_DEFECT_RATES } from './defects.js';
import { CATALOGUE } from './vocab.js';

/** The catalogue does not grow with --scale: shops sell more, not more kinds of things. */
export const PRODUCT_COUNT = 500;

export interface Product {
  product_id: string;
  sku: string;
  name: string;
  category: string;
  subcategory: string;
  brand: string | null;
  unit_price: number;
  currency: 'EUR';
  weight_kg: number;
  active: boolean;
  created_at: string;
}

const SHARE = { Wines: 35, Meat: 20, Fish: 12, Fruits: 12, Sweets: 13, Gold: 8 };
// Median price (EUR) and spread per category.
const PRICE: Record<string, [number, number]> = {
  Wines: [14, 0.6],
  Fruits: [4, 0.4],
  Meat: [14, 0.5],
  Fish: [11, 0.5],
  Sweets: [6, 0.5],
  Gold: [120, 0.7],
};

export interface Catalogue {
  products: Product[];
  /** Draws a product with a long-tailed popularity: a few best sellers, many rarely bought. */
  pick(rng: Rng): Product;
  missingBrand: number;
}

export function buildCatalogue(seed: number | string): Catalogue {
  const rng = new Rng(seed, 'products');
  const products: Product[] = [];
  let missingBrand = 0;
  for (let i = 1; i <= PRODUCT_COUNT; i++) {
    const category = rng.weighted(SHARE);
    const v = CATALOGUE[category];
    const [median, sigma] = PRICE[category];
    const noBrand = rng.chance(PRODUCT_DEFECT_RATES.missingBrand);
    if (noBrand) missingBrand++;
    const unit = rng.pick(v.unit);
    products.push({
      product_id: `P${String(i).padStart(5, '0')}`,
      sku: `${category.slice(0, 3).toUpperCase()}-${String(rng.int(0, 999999)).padStart(6, '0')}`,
      name: `${rng.pick(v.words)} ${unit}`,
      category,
      subcategory: rng.pick(v.sub),
      brand: noBrand ? null : rng.pick(v.brands),
      unit_price: Math.max(0.99, round2(rng.logNormal(median, sigma))),
      currency: 'EUR',
      weight_kg: round2(Math.max(0.05, rng.logNormal(0.6, 0.6))),
      active: rng.chance(0.94),
      created_at: isoDay(Date.UTC(2019, 0, 1) + rng.int(0, 1800) * DAY_MS),
    });
  }
  // Zipf-like weights 1/rank^0.9, sampled by binary search over the cumulative sum.
  const cumulative: number[] = [];
  let sum = 0;
  for (let r = 1; r <= products.length; r++) cumulative.push((sum += 1 / Math.pow(r, 0.9)));
  return {
    products,
    missingBrand,
    pick(r: Rng) {
      const x = r.next() * sum;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid] > x) hi = mid;
        else lo = mid + 1;
      }
      return products[lo];
    },
  };
}
