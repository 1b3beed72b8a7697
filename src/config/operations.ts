// Every operation Sluice serves, concept by concept. Adding a concept means adding its list here.
import type { Operation } from '../kernel/registry.js';
import { catalogOperations } from '../catalog/index.js';
import { tagOperations } from '../tags/tag-operations.js';
import { jobOperations } from '../jobs/index.js';
import { qualityOperations } from '../quality/index.js';
import { crawlersOperations } from '../crawlers/index.js';
import { monitoringOperations } from '../monitoring/index.js';
import { workflowsOperations } from '../workflows/index.js';
import { encryptionOperations } from '../security/encryption/index.js';
import { sessionsOperations } from '../sessions/index.js';
import { devEndpointOperations } from '../dev-endpoints/dev-endpoint-operations.js';
import { resourcePolicyOperations } from '../security/resource-policies.js';
import { auditOperations } from '../security/audit/audit-operations.js';

export function allOperations(): Operation[] {
  return [
    ...catalogOperations,
    ...tagOperations,
    ...jobOperations,
    ...qualityOperations,
    ...crawlersOperations,
    ...workflowsOperations,
    ...monitoringOperations,
    ...encryptionOperations,
    ...sessionsOperations,
    ...devEndpointOperations,
    ...resourcePolicyOperations,
    ...auditOperations,
  ];
}
