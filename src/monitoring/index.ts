// The monitoring concept: run logs, metrics, alarms, notifications, and the dashboard's routes.
export { monitoringOperations } from './api/index.js';
export { monitoringPlugin } from './http/plugin.js';
export { Monitor, type MonitorOptions, type PassSummary } from './observe/monitor.js';
export { openRunLog, appendRunLogLine, type RunLogger, type LogLevel } from './logs/run-logger.js';
export { readRunLog, type LogEntry } from './logs/read-log.js';
export { observeSchedulerLag } from './metrics/process-metrics.js';
export { recordRunState } from './observe/run-timeline.js';
export { planAlarms, applyAlarms, type AlarmPlan } from './alarms/apply.js';
export { monitoringSchema, effectiveAlarms, DEFAULT_ALARMS, type MonitoringConfig, type AlarmConfig } from './config.js';
