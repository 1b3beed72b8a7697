// Comparing metrics with their history. DetectAnomalies fails a value outside the band its history
// predicts; and every evaluation reports, as observations, a row count that moved more than 20 %,
// a completeness that dropped more than 5 points, or another metric outside its historical range.
import type { DataQualityObservation } from '../../kernel/glue-types.js';
import { formatDouble } from './sql.js';
import type { Outcome } from './types.js';

/** Past values of a metric, most recent first. */
export interface HistoryProvider {
  values(metric: string, k: number): Promise<number[]>;
}

/** [INF] Glue does not document how much history DetectAnomalies needs; three points, as the spec suggests. */
export const MIN_HISTORY = 3;
const ANOMALY_WINDOW = 20;

export interface Band {
  expected: number;
  lower: number;
  upper: number;
}

/** mean ± max(3σ, 5 % of |mean|): wide enough that a flat history does not flag every wobble. */
export function band(history: number[]): Band {
  const mean = history.reduce((s, x) => s + x, 0) / history.length;
  const sigma = Math.sqrt(history.reduce((s, x) => s + (x - mean) ** 2, 0) / history.length);
  const half = Math.max(3 * sigma, 0.05 * Math.abs(mean));
  return { expected: mean, lower: mean - half, upper: mean + half };
}

export async function detectAnomaly(
  metric: string,
  value: number | undefined,
  metrics: Record<string, number>,
  history?: HistoryProvider,
): Promise<Outcome> {
  if (value === undefined || Number.isNaN(value))
    return { status: 'FAIL', message: `The metric ${metric} could not be computed.`, metrics };
  const past = history ? await history.values(metric, ANOMALY_WINDOW) : [];
  if (past.length < MIN_HISTORY) {
    return {
      status: 'PASS',
      message: `Not enough history to detect anomalies: ${past.length} of ${MIN_HISTORY} past values of ${metric}.`,
      metrics,
    };
  }
  const b = band(past);
  if (value >= b.lower && value <= b.upper) return { status: 'PASS', metrics };
  return {
    status: 'FAIL',
    message: `Anomaly: ${metric} is ${formatDouble(value)}, outside the expected band [${formatDouble(round(b.lower))}, ${formatDouble(round(b.upper))}] from its last ${past.length} values.`,
    metrics,
  };
}

const round = (n: number) => Math.round(n * 1e6) / 1e6;

function observation(metric: string, actual: number, b: Band, description: string): DataQualityObservation {
  return {
    Description: description,
    MetricBasedObservation: {
      MetricName: metric,
      MetricValues: { ActualValue: actual, ExpectedValue: b.expected, LowerLimit: round(b.lower), UpperLimit: round(b.upper) },
    },
  };
}

/** Observations for this evaluation's metrics (at most 50, as the API allows). */
export async function observe(metrics: Record<string, number>, history: HistoryProvider): Promise<DataQualityObservation[]> {
  const out: DataQualityObservation[] = [];
  for (const [metric, value] of Object.entries(metrics)) {
    if (out.length >= 50) break;
    if (!Number.isFinite(value)) continue;
    const past = await history.values(metric, ANOMALY_WINDOW);
    if (!past.length) continue;
    const prev = past[0];
    if (/\.RowCount( |$)/.test(metric)) {
      const b = { expected: prev, lower: prev * 0.8, upper: prev * 1.2 };
      if (value < b.lower || value > b.upper) {
        const change = prev === 0 ? Infinity : ((value - prev) / prev) * 100;
        out.push(
          observation(
            metric,
            value,
            b,
            `Row count changed by ${Number.isFinite(change) ? change.toFixed(1) : '∞'} % since the previous evaluation (from ${prev} to ${value}); expected between ${round(b.lower)} and ${round(b.upper)}.`,
          ),
        );
      }
    } else if (/\.Completeness( |$)/.test(metric)) {
      if (value < prev - 0.05) {
        const b = { expected: prev, lower: prev - 0.05, upper: 1 };
        out.push(
          observation(
            metric,
            value,
            b,
            `${metric} dropped by ${((prev - value) * 100).toFixed(1)} points since the previous evaluation (from ${round(prev)} to ${round(value)}).`,
          ),
        );
      }
    } else if (past.length >= 2) {
      const b = { expected: past.reduce((s, x) => s + x, 0) / past.length, lower: Math.min(...past), upper: Math.max(...past) };
      if (value < b.lower || value > b.upper) {
        out.push(
          observation(
            metric,
            value,
            b,
            `${metric} is ${formatDouble(value)}, outside its historical range [${formatDouble(b.lower)}, ${formatDouble(b.upper)}] over the last ${past.length} evaluations.`,
          ),
        );
      }
    }
  }
  return out;
}
