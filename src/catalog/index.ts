import type { Operation } from '../kernel/registry.js';
import { databaseOperations } from './databases.js';
import { tableOperations } from './tables.js';
import { tableVersionOperations } from './table-versions.js';
import { searchTablesOperation } from './search-tables.js';
import { connectionOperations } from './connections.js';
import { testConnectionOperation } from './connection-test.js';
import { partitionOperations } from './partitions.js';
import { getPartitionsOperation } from './get-partitions.js';
import { batchPartitionOperations } from './batch-partitions.js';
import { partitionIndexOperations } from './partition-indexes.js';
import { functionOperations } from './functions.js';
import { columnStatisticsOperations } from './column-statistics.js';
import { columnStatisticsRunOperations } from './column-statistics-runs.js';

export const catalogOperations: Operation[] = [
  ...databaseOperations,
  ...tableOperations,
  ...tableVersionOperations,
  searchTablesOperation,
  ...connectionOperations,
  testConnectionOperation,
  ...partitionOperations,
  getPartitionsOperation,
  ...batchPartitionOperations,
  ...partitionIndexOperations,
  ...functionOperations,
  ...columnStatisticsOperations,
  ...columnStatisticsRunOperations,
];
