// The sample data generator's public surface (see README.md).
export { generateSampleData, type SampleDataSummary, type DatasetSummary, type DefectSummary } from './generate.js';
export { DATASETS, LAYOUT, DEFAULT_START_DATE, type DatasetName, type SampleDataOptions } from './options.js';
export * from './defects.js';
export { formatSummary } from './format-summary.js';
