// The workflows concept: its operations for the registry, the worker that drives a run when no server
// is running, and what `sluice server` starts beside the HTTP face.
import type { Operation } from '../kernel/registry.js';
import { triggerOperations } from './triggers/trigger-operations.js';
import { triggerControlOperations } from './triggers/trigger-control.js';
import { workflowOperations } from './definitions/workflow-operations.js';
import { runOperations } from './runs/run-operations.js';
import { resumeOperations } from './runs/resume.js';
import { eventSourceOperations } from './events/event-source-operations.js';

export const workflowsOperations: Operation[] = [
  ...triggerOperations,
  ...triggerControlOperations,
  ...workflowOperations,
  ...runOperations,
  ...resumeOperations,
  ...eventSourceOperations,
];

export { driveWorkflowRun } from './executor/driver.js';
export { startOrchestrator, type Orchestrator, type OrchestratorOptions } from './server/orchestrator.js';
