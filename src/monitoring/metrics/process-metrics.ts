// Metrics only this process sees as they happen: HTTP API requests, and the scheduler's lag (how
// late a trigger fired after its slot), which the workflows scheduler inside `sluice server` reports
// through observeSchedulerLag(). They live for the process and are added to each /metrics registry.
import { Counter, Histogram } from 'prom-client';

export const apiRequests = new Counter({
  name: 'sluice_api_requests_total',
  help: 'Glue API requests served over HTTP, by operation and HTTP status',
  labelNames: ['operation', 'status'] as const,
  registers: [],
});

export const apiDuration = new Histogram({
  name: 'sluice_api_request_duration_seconds',
  help: 'Glue API request latency over HTTP, by operation',
  labelNames: ['operation'] as const,
  buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [],
});

export const schedulerLag = new Histogram({
  name: 'sluice_scheduler_lag_seconds',
  help: 'How late the scheduler started a trigger after its scheduled time (or after its event batch was due)',
  labelNames: ['trigger_type'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 2, 5, 10, 30, 60, 300],
  registers: [],
});

/**
 * For the scheduler (src/workflows): call when a trigger fires, with how late it fired after its
 * slot, in seconds, and its Glue trigger type (SCHEDULED, EVENT, CONDITIONAL, ON_DEMAND).
 */
export function observeSchedulerLag(lagSeconds: number, triggerType = 'SCHEDULED'): void {
  if (Number.isFinite(lagSeconds)) schedulerLag.observe({ trigger_type: triggerType }, Math.max(0, lagSeconds));
}

/** Counts one API request (the HTTP face's onResponse hook). */
export function observeApiRequest(operation: string, status: number, seconds: number): void {
  apiRequests.inc({ operation, status: String(status) });
  apiDuration.observe({ operation }, seconds);
}
