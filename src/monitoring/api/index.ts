// The monitoring concept's operations for the registry (all Sluice-only: Glue has CloudWatch for these).
import type { Operation } from '../../kernel/registry.js';
import { runOperations } from './run-operations.js';
import { alarmOperations } from './alarm-operations.js';
import { metricOperations } from './metric-operations.js';
import { queryOperations } from './query-operations.js';

export const monitoringOperations: Operation[] = [
  ...runOperations,
  ...alarmOperations,
  ...metricOperations,
  ...queryOperations,
] as Operation[];
