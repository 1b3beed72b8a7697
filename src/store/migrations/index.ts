// Migrations in order. Each later concept adds its own file here; a migration never changes once it
// has landed, because stores in the wild have already run it.
import type { Migration } from 'kysely';
import { m001Catalog } from './001-catalog.js';
import { m003Crawlers } from './003-crawlers.js';
import { m004Jobs } from './004-jobs.js';
import { m005Quality } from './005-quality.js';
import { m006Workflows } from './006-workflows.js';
import { m007Monitoring } from './007-monitoring.js';
import { m010RunCommits } from './010-run-commits.js';
import { m011CatalogExtras } from './011-catalog-extras.js';
import { m013Encryption } from './013-encryption.js';
import { m017Sessions } from './017-sessions.js';
import { m012Security } from './012-security.js';
import { m023Cluster } from './023-cluster.js';
import { m018RunLedger } from './018-run-ledger.js';

export const migrations: Record<string, Migration> = {
  '001-catalog': m001Catalog,
  '003-crawlers': m003Crawlers,
  '004-jobs': m004Jobs,
  '005-quality': m005Quality,
  '006-workflows': m006Workflows,
  '007-monitoring': m007Monitoring,
  '010-run-commits': m010RunCommits,
  '011-catalog-extras': m011CatalogExtras,
  '013-encryption': m013Encryption,
  '017-sessions': m017Sessions,
  '012-security': m012Security,
  '023-cluster': m023Cluster,
  '018-run-ledger': m018RunLedger,
};
