// fx_rates: hourly EUR-based exchange rates, one JSON file per day. The series is a mean-reverting
// random walk in log space (about 0.5 % daily volatility, like major pairs); orders convert their
// EUR catalogue prices with it, so joining orders to fx_rates gives consistent results.
import { Rng } from './prng.js';
import { HOUR_MS, isoDay, isoSeconds } from './calendar.js';

export const FX_BASE = 'EUR';
/** Starting levels near early-2024 market rates. */
export const FX_START: Record<string, number> = { USD: 1.085, GBP: 0.856, CHF: 0.953, JPY: 162.4, SEK: 11.25, PLN: 4.32 };
const HOURLY_SIGMA = 0.001;
const REVERSION = 0.01;

export class FxSeries {
  /** levels[h][q]: the rate of quote q at hour h after the start. */
  private readonly levels: number[][] = [];
  readonly quotes = Object.keys(FX_START);

  constructor(
    seed: number | string,
    readonly start: number,
    readonly days: number,
  ) {
    const rng = new Rng(seed, 'fx-rates');
    let logs = this.quotes.map(() => 0);
    for (let h = 0; h < days * 24; h++) {
      logs = logs.map((x) => x * (1 - REVERSION) + rng.normal(0, HOURLY_SIGMA));
      this.levels.push(this.quotes.map((q, i) => roundRate(FX_START[q] * Math.exp(logs[i]), q)));
    }
  }

  /** EUR → currency at the hour containing t (1 for EUR itself). */
  rate(currency: string, t: number): number {
    if (currency === FX_BASE) return 1;
    const h = Math.min(Math.max(Math.floor((t - this.start) / HOUR_MS), 0), this.levels.length - 1);
    return this.levels[h][this.quotes.indexOf(currency)];
  }

  /** The day's file: a JSON array of { ts, base, quote, rate }, one object per line for readability. */
  dayFile(day: number): { name: string; text: string; rows: number } {
    const t0 = this.start + day * 24 * HOUR_MS;
    const lines: string[] = [];
    for (let h = 0; h < 24; h++) {
      const ts = isoSeconds(t0 + h * HOUR_MS);
      for (const [i, quote] of this.quotes.entries()) {
        lines.push(JSON.stringify({ ts, base: FX_BASE, quote, rate: this.levels[day * 24 + h][i] }));
      }
    }
    return { name: `${isoDay(t0)}.json`, text: `[\n${lines.join(',\n')}\n]\n`, rows: lines.length };
  }
}

function roundRate(x: number, quote: string): number {
  const digits = quote === 'JPY' ? 3 : 5;
  return Number(x.toFixed(digits));
}
