// The job SDK's public types, exported from the package as 'sluice/job'.
export type {
  AggFunc, CatalogSource, Column, DynamicFrame, Format, GlueContext, JobScript, JoinType, Mapping, PathSource,
  QualityCheck, QualityOutcome, ResolveChoiceOptions, Row, Sink, WriteMode, WriteSummary,
} from './types.js';
