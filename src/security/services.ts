// What other concepts use of security, reached through `services.security` (wired once in
// config/compose.ts) instead of importing this folder's files: a job run's role bounds, what a
// security configuration makes a run encrypt, sealed run logs, bookmarks and connection passwords.
// Everything here closes over the project's key ring (kms/index.ts).
import type { Kysely } from 'kysely';
import type { SluiceConfig } from '../config/schema.js';
import type { Services } from '../kernel/services.js';
import type { DB } from '../store/schema.js';
import { keyRing } from './kms/index.js';
import { createRoleBounds, type RoleBounds } from './role-bounds.js';
import { runEncryption, type RunEncryption } from './encryption/effect.js';
import { openLogLine, sealLogEntry } from './encryption/sealed-log.js';
import { textCodec, type TextCodec } from './encryption/sealed-text.js';
import { sealConnectionPassword } from './encryption/connection-passwords.js';

export type { RoleBounds } from './role-bounds.js';
export type { RunEncryption } from './encryption/effect.js';
export type { TextCodec } from './encryption/sealed-text.js';

export interface SecurityServices {
  /** The bounds of a run under `role` (role-bounds.ts); undefined when it names no role in security.roles. */
  roleBounds(role: string | undefined): RoleBounds | undefined;
  /** What the named security configuration makes a run encrypt; `who` names the run in errors. */
  runEncryption(db: Kysely<DB>, accountId: string, name: string | undefined, who: string): Promise<RunEncryption | undefined>;
  /** A run-log entry sealed under the KMS key. */
  sealLogEntry(key: string, entry: Record<string, unknown>): Record<string, unknown>;
  /** Opens a run-log line, sealed or plain; `what` names the log in errors. */
  openLogLine(what: string): (line: string) => string;
  /** Seals text under `key` (or passes it plain without one) and opens it again. */
  textCodec(what: string, key?: string): TextCodec;
  /** Connection properties as the catalog's ConnectionPasswordEncryption keeps them. */
  sealConnectionPassword(
    services: Services,
    db: Kysely<DB>,
    catalogId: string,
    props: Record<string, string> | undefined,
  ): Promise<Record<string, string> | undefined>;
}

export function createSecurityServices(root: string, config: SluiceConfig): SecurityServices {
  const ring = () => keyRing(root, config);
  return {
    roleBounds: (role) => createRoleBounds(root, config, role),
    runEncryption: (db, accountId, name, who) => runEncryption(db, accountId, name, who),
    sealLogEntry: (key, entry) => sealLogEntry(ring(), key, entry),
    openLogLine: (what) => openLogLine(ring, what),
    textCodec: (what, key) => textCodec(ring, what, key),
    sealConnectionPassword,
  };
}
