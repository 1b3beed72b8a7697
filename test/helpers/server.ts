// A running Sluice HTTP server over a fresh test project, for the end-to-end suites that drive it
// with the AWS SDK and the AWS CLI.
import { openTestProject, type Backend, type TestProject } from './backends.js';
import { startServer, type RunningServer } from '../../src/api/http/server.js';
import { securitySchema } from '../../src/security/config.js';

export interface TestKey {
  id: string;
  secret: string;
  accountId?: string;
  /** Default: [AdministratorAccess]. */
  policies?: unknown[];
}

/** The key most tests sign with; its requests act as the default account 123456789012. */
export const TEST_KEY: TestKey = { id: 'AKIASLUICETEST000001', secret: 'sluice/test/secret/000001' };
/** A second key, configured with its own account, to show the account comes from the key. */
export const OTHER_ACCOUNT_KEY: TestKey = { id: 'AKIASLUICETEST000002', secret: 'sluice/test/secret/000002', accountId: '210987654321' };

export interface TestServer extends TestProject {
  server: RunningServer;
  url: string;
}

export async function startTestServer(
  o: {
    dev?: boolean;
    backend?: Backend;
    keys?: TestKey[];
    now?: () => number;
    tls?: { cert: string; key: string };
    security?: Record<string, unknown>;
  } = {},
): Promise<TestServer> {
  const keys = o.keys ?? [TEST_KEY, OTHER_ACCOUNT_KEY];
  const project = await openTestProject(o.backend ?? 'sqlite');
  // Secrets are env references in sluice.yaml; the test puts them where the reference points.
  keys.forEach((k, i) => (process.env[`SLUICE_TEST_KEY_SECRET_${i}`] = k.secret));
  project.sluice.services.config.security = securitySchema.parse({
    ...o.security,
    dev: o.dev ?? false,
    accessKeys: keys.map((k, i) => ({
      id: k.id,
      secret: { env: `SLUICE_TEST_KEY_SECRET_${i}` },
      accountId: k.accountId,
      policies: k.policies ?? ['AdministratorAccess'],
    })),
  });
  let server: RunningServer;
  try {
    server = await startServer(project.sluice, { host: '127.0.0.1', port: 0, now: o.now, tls: o.tls });
  } catch (e) {
    await project.cleanup();
    throw e;
  }
  return {
    ...project,
    server,
    url: server.url,
    async cleanup() {
      await server.close();
      await project.cleanup();
    },
  };
}
