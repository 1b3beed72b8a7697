// Vitest globalSetup: builds the dashboard when it is missing or older than its sources (the same
// function `sluice server` calls), so the browser tests serve the current app.
import { ensureDashboardBuilt } from '../../src/monitoring/http/dashboard-build.js';

export default async function setup(): Promise<void> {
  await ensureDashboardBuilt();
}
