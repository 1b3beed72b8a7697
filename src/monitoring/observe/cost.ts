// What a run would have cost on AWS Glue: DPU-seconds (capacity × billed seconds) times the price of a
// DPU-hour. Capacity comes from the run, else its job, else Glue's default for a Spark job; Glue
// bills at least a minute per job run. Only job runs are priced: Glue does not publish the DPUs a
// crawler or a quality evaluation uses, and a guess shown as a cost would mislead.
import type { MonitoringConfig } from '../config.js';

/** DPUs per worker, by Glue worker type. */
const WORKER_DPUS: Record<string, number> = {
  Standard: 1,
  'G.025X': 0.25,
  'G.1X': 1,
  'G.2X': 2,
  'G.4X': 4,
  'G.8X': 8,
  'G.12X': 12,
  'G.16X': 16,
  'Z.2X': 2,
  'R.1X': 1,
  'R.2X': 2,
  'R.4X': 4,
  'R.8X': 8,
};

export interface Capacity {
  MaxCapacity?: number;
  AllocatedCapacity?: number;
  NumberOfWorkers?: number;
  WorkerType?: string;
  Command?: { Name?: string };
}

/** The DPUs a job run is billed for: its own capacity, else its job's, else the configured default. */
export function dpusOf(run: Capacity, job: Capacity | undefined, cost: MonitoringConfig['cost']): number {
  for (const c of [run, job]) {
    if (!c) continue;
    if (c.NumberOfWorkers && c.WorkerType && WORKER_DPUS[c.WorkerType]) return c.NumberOfWorkers * WORKER_DPUS[c.WorkerType];
    if (c.MaxCapacity) return c.MaxCapacity;
    if (c.AllocatedCapacity) return c.AllocatedCapacity;
    // A Python shell job without capacity gets Glue's default of 1/16 DPU.
    if (c.Command?.Name === 'pythonshell') return 0.0625;
  }
  return cost.defaultJobDpus;
}

export interface CostEstimate {
  dpus: number;
  dpuSeconds: number;
  cost: number;
}

export function estimateCost(durationMs: number, dpus: number, cost: MonitoringConfig['cost']): CostEstimate {
  const seconds = Math.max(durationMs / 1000, cost.minimumSeconds);
  const dpuSeconds = dpus * seconds;
  return { dpus, dpuSeconds, cost: (dpuSeconds / 3600) * cost.pricePerDpuHour };
}
