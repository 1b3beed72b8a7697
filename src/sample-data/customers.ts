// customers: the Kaggle "Customer Personality Analysis" set (marketing_campaign.csv), tab-separated,
// with its 29 columns, its value distributions and its oddities. Spending follows income and
// children the way it does in the original, so analyses on it behave plausibly.
import { Rng, round2 } from './prng.js';
import { dayFirstDashed, DAY_MS } from './calendar.js';
import { CUSTOMER_DEFECT_RATES } from './defects.js';
import type { CustomerIds } from './people.js';

export const CUSTOMER_COLUMNS = [
  'ID',
  'Year_Birth',
  'Education',
  'Marital_Status',
  'Income',
  'Kidhome',
  'Teenhome',
  'Dt_Customer',
  'Recency',
  'MntWines',
  'MntFruits',
  'MntMeatProducts',
  'MntFishProducts',
  'MntSweetProducts',
  'MntGoldProds',
  'NumDealsPurchases',
  'NumWebPurchases',
  'NumCatalogPurchases',
  'NumStorePurchases',
  'NumWebVisitsMonth',
  'AcceptedCmp3',
  'AcceptedCmp4',
  'AcceptedCmp5',
  'AcceptedCmp1',
  'AcceptedCmp2',
  'Complain',
  'Z_CostContact',
  'Z_Revenue',
  'Response',
] as const;

/** The original's 2,240 rows; --scale multiplies it. */
export const CUSTOMERS_BASE = 2240;

// Frequencies of the original set.
const EDUCATION = { Graduation: 1127, PhD: 486, Master: 370, '2n Cycle': 203, Basic: 54 };
const MARITAL = { Married: 864, Together: 580, Single: 480, Divorced: 232, Widow: 77 };
const ODD_MARITAL = { Alone: 3, Absurd: 2, YOLO: 2 };
const MEDIAN_INCOME = { Graduation: 52000, PhD: 56000, Master: 51000, '2n Cycle': 47000, Basic: 20000 };
// Share of total spending per product line in the original, and each column's maximum.
const SPEND = [
  ['MntWines', 0.5, 1493],
  ['MntFruits', 0.043, 199],
  ['MntMeatProducts', 0.28, 1725],
  ['MntFishProducts', 0.062, 259],
  ['MntSweetProducts', 0.045, 263],
  ['MntGoldProds', 0.073, 362],
] as const;
const FIRST_DAY = Date.UTC(2012, 6, 30);
const LAST_DAY = Date.UTC(2014, 5, 29);

export interface CustomerStats {
  missingIncome: number;
  oddMaritalStatus: number;
  implausibleBirthYear: number;
  extremeIncome: number;
}

export function* customerLines(seed: number | string, ids: CustomerIds, stats: CustomerStats): Generator<string> {
  const rng = new Rng(seed, 'customers');
  for (let i = 0; i < ids.count; i++) yield customerRow(rng, ids.idAt(i), stats).join('\t');
}

function customerRow(rng: Rng, id: number, stats: CustomerStats): (string | number)[] {
  let yearBirth = clamp(Math.round(rng.normal(1968.8, 11.8)), 1940, 1996);
  if (rng.chance(CUSTOMER_DEFECT_RATES.implausibleBirthYear)) {
    yearBirth = rng.pick([1893, 1899, 1900]);
    stats.implausibleBirthYear++;
  }
  const education = rng.weighted(EDUCATION);
  let marital: string = rng.weighted(MARITAL);
  if (rng.chance(CUSTOMER_DEFECT_RATES.oddMaritalStatus)) {
    marital = rng.weighted(ODD_MARITAL);
    stats.oddMaritalStatus++;
  }
  const kidhome = Number(rng.weighted({ 0: 1293, 1: 899, 2: 48 }));
  const teenProb = yearBirth < 1976 && yearBirth > 1950 ? 0.58 : 0.3;
  const teenhome = rng.chance(teenProb) ? (rng.chance(0.05) ? 2 : 1) : 0;
  // Income falls with young children, as in the original (correlation about -0.43).
  let income = clamp(Math.round(rng.normal(MEDIAN_INCOME[education] + 7000 - kidhome * 14000, 17000)), 1730, 162397);
  if (rng.chance(CUSTOMER_DEFECT_RATES.extremeIncome)) {
    income = 666666;
    stats.extremeIncome++;
  }
  const noIncome = rng.chance(CUSTOMER_DEFECT_RATES.missingIncome);
  if (noIncome) stats.missingIncome++;
  const joined = FIRST_DAY + rng.int(0, (LAST_DAY - FIRST_DAY) / DAY_MS) * DAY_MS;

  const wealth = Math.min(Math.max(income - 4000, 500), 160000) / 50000;
  const total = Math.min(2525, (520 * Math.pow(wealth, 2.2) * rng.logNormal(1, 0.45)) / (1 + 1.1 * kidhome + 0.3 * teenhome) + 5);
  const spend = SPEND.map(([, share, max]) => clamp(Math.round(total * share * rng.logNormal(1, 0.55)), 0, max));
  const purchases = [
    clamp(Math.round(1 + kidhome * 1.2 + teenhome * 1.5 + rng.normal(0, 1.2)), 0, 15), // deals
    clamp(Math.round(1.5 + total / 190 + rng.normal(0, 1.5)), 0, 27), // web
    clamp(Math.round(total / 200 + rng.normal(0, 1)), 0, 28), // catalogue
    clamp(Math.round(3 + total / 200 + rng.normal(0, 1.6)), 0, 13), // store
    clamp(Math.round(8.8 - income / 14000 + kidhome + rng.normal(0, 1.5)), 0, 20), // web visits
  ];
  const rich = income > 70000 ? 1 : 0;
  const campaigns = [
    rng.chance(0.073), // Cmp3 reaches everyone alike
    rng.chance(0.05 + 0.1 * Number(spend[0] > 500)), // Cmp4 wine lovers
    rng.chance(0.012 + 0.22 * rich), // Cmp5 the well-off
    rng.chance(0.012 + 0.19 * rich), // Cmp1 the well-off
    rng.chance(0.013),
  ].map(Number);
  const accepted = campaigns.reduce((a, b) => a + b, 0);
  const response = Number(rng.chance(round2(0.09 + 0.2 * accepted)));
  return [
    id,
    yearBirth,
    education,
    marital,
    noIncome ? '' : income,
    kidhome,
    teenhome,
    dayFirstDashed(joined),
    rng.int(0, 99),
    ...spend,
    ...purchases,
    ...campaigns,
    Number(rng.chance(0.009)),
    3,
    11,
    response,
  ];
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));
