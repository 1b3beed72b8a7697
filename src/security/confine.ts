// Storage confinement for calls over the HTTP face (outside dev mode): what a caller declares as a
// table or partition location, a crawler target, a trigger's watched location or a job's data
// argument must lie in one of the project's zones or a prefix security.storage.allow lists; a job's
// script must lie in the project folder (and not in .sluice/). Without this a valid key reads any
// file the server can (a table over /etc/shadow, a crawler over /etc/ssl) and runs any script.
// Symbolic links are followed, so a link inside a zone that points out of it is refused too.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SluiceError, invalidInput } from '../kernel/errors.js';
import type { SluiceConfig } from '../config/schema.js';
import { excerpt } from './excerpt.js';

type In = Record<string, any>;

export interface Confinement {
  /** Throws InvalidInputException / AccessDeniedException for a location the call may not declare. */
  check(operation: string, input: In): void;
}

type Place = { kind: 'local'; path: string } | { kind: 's3'; url: string } | { kind: 'other' };

/** The real path of a local location: symlinks resolved on the part of the path that exists. */
function realLocal(abs: string): string {
  let existing = abs;
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(existing.slice(dirname(existing).length + 1));
    existing = dirname(existing);
  }
  try {
    return join(realpathSync(existing), ...rest);
  } catch {
    return abs;
  }
}

function placeOf(root: string, location: string): Place {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase();
  if (scheme === 's3' || scheme === 's3a' || scheme === 's3n') return { kind: 's3', url: `s3://${location.slice(scheme.length + 3)}` };
  if (scheme && scheme !== 'file') return { kind: 'other' };
  let path = location;
  if (scheme === 'file') {
    try {
      path = fileURLToPath(location);
    } catch {
      return { kind: 'other' };
    }
  }
  return { kind: 'local', path: realLocal(resolve(root, path)) };
}

const inside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};
const s3Inside = (prefix: string, url: string) => {
  const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return url === prefix || url.startsWith(p) || `${url}/` === p;
};

const DATA_ARGUMENT = /path|input|output|location|dir$/i;
const looksLikeLocation = (v: string) => /^(\/|file:|s3a?:\/\/|s3n:\/\/|\.\.?\/)/.test(v);

export function createConfinement(root: string, config: SluiceConfig): Confinement {
  const projectRoot = realLocal(resolve(root));
  const allowed = [...Object.values(config.zones), ...config.security.storage.allow].map((z) => placeOf(projectRoot, z));
  const metadataDir = join(projectRoot, '.sluice');
  const described = `the project's zones (${Object.values(config.zones).join(', ')})${config.security.storage.allow.length ? ` or security.storage.allow` : ''}`;

  const dataAllowed = (location: string): boolean => {
    const p = placeOf(projectRoot, location);
    if (p.kind === 'other') return true; // storage refuses schemes it cannot reach, with its own message
    if (p.kind === 'local' && inside(metadataDir, p.path)) return false;
    return allowed.some((a) =>
      a.kind === 'local' && p.kind === 'local'
        ? inside(a.path, p.path)
        : a.kind === 's3' && p.kind === 's3'
          ? s3Inside(a.url, p.url)
          : false,
    );
  };

  const data = (what: string, location: unknown) => {
    if (typeof location !== 'string' || !location) return;
    if (!dataAllowed(location)) {
      throw invalidInput(`${what} ${excerpt(location)} is outside the storage this server allows: it must lie in ${described}.`);
    }
  };

  const script = (location: unknown) => {
    if (typeof location !== 'string' || !location) return;
    const p = placeOf(projectRoot, location);
    const ok = p.kind === 'local' ? inside(projectRoot, p.path) && !inside(metadataDir, p.path) : p.kind === 's3' && dataAllowed(location);
    if (!ok) {
      throw new SluiceError(
        'AccessDeniedException',
        `ScriptLocation ${excerpt(location)} is outside the project: a job's script must lie in the project folder (or an allowed s3:// prefix).`,
      );
    }
  };

  const args = (a: unknown) => {
    if (!a || typeof a !== 'object') return;
    for (const [k, v] of Object.entries(a as Record<string, unknown>)) {
      if (typeof v === 'string' && (looksLikeLocation(v) || (DATA_ARGUMENT.test(k) && v.includes('/'))))
        data(`Job argument ${excerpt(k)}`, v);
    }
  };

  const sd = (what: string, s: In | undefined) => data(`${what} location`, s?.StorageDescriptor?.Location);
  const job = (j: In | undefined) => {
    script(j?.Command?.ScriptLocation);
    args(j?.DefaultArguments);
    args(j?.NonOverridableArguments);
  };
  const crawler = (t: In | undefined) => {
    for (const s of t?.S3Targets ?? []) data('Crawler S3 target', s?.Path);
    for (const s of t?.DeltaTargets ?? []) for (const p of s?.DeltaTables ?? []) data('Crawler Delta target', p);
  };

  const checks: Record<string, (i: In) => void> = {
    CreateTable: (i) => sd('Table', i.TableInput),
    UpdateTable: (i) => sd('Table', i.TableInput),
    CreatePartition: (i) => sd('Partition', i.PartitionInput),
    UpdatePartition: (i) => sd('Partition', i.PartitionInput),
    BatchCreatePartition: (i) => (i.PartitionInputList ?? []).forEach((p: In) => sd('Partition', p)),
    BatchUpdatePartition: (i) => (i.Entries ?? []).forEach((e: In) => sd('Partition', e?.PartitionInput)),
    CreateCrawler: (i) => crawler(i.Targets),
    UpdateCrawler: (i) => crawler(i.Targets),
    CreateJob: (i) => job(i),
    UpdateJob: (i) => job(i.JobUpdate),
    StartJobRun: (i) => args(i.Arguments),
    PutTriggerEventSource: (i) =>
      (Array.isArray(i.Locations) ? i.Locations : [i.Locations]).forEach((l: unknown) => data('Watched location', l)),
  };

  return {
    check(operation, input) {
      checks[operation]?.(input);
    },
  };
}
