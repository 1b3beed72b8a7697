// A commit is a compare-and-swap of the table's metadata location in the catalog. Each attempt
// builds the next metadata on top of the current one and writes it under a fresh name; if another
// writer swapped first, the attempt's file is removed and the operation decides, seeing the new
// base, whether it can be redone there (an append can) or conflicts (ConcurrentModificationException).
import { setTimeout as sleep } from 'node:timers/promises';
import { SluiceError } from '../../kernel/errors.js';
import type { Storage } from '../../storage/storage.js';
import { readMetadata, tableFiles } from './files.js';
import { nextMetadataName, serializeMetadata } from './metadata.js';
import type { TableMetadata } from './types.js';

/** Where a catalog keeps the table's current metadata location (Glue: Parameters.metadata_location). */
export interface MetadataPointer {
  /** The current metadata location. EntityNotFoundException when the table is gone. */
  load(): Promise<string>;
  /**
   * Sets next if the location is still expected, atomically; false when another commit came first.
   * metadata is next's content, for a catalog that shows the table's columns (Glue does).
   */
  swap(expected: string, next: string, metadata: TableMetadata): Promise<boolean>;
}

export interface CommitAttempt {
  base: TableMetadata;
  baseLocation: string;
  attempt: number;
}

/** Files an attempt wrote beside the metadata (a manifest list), removed when its swap loses. */
export interface Built {
  metadata: TableMetadata;
  written: string[];
}

export const MAX_ATTEMPTS = 50;

export async function commitTable(
  storage: Storage,
  pointer: MetadataPointer,
  build: (a: CommitAttempt) => Promise<Built>,
): Promise<{ metadata: TableMetadata; location: string; attempts: number }> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const baseLocation = await pointer.load();
    const base = await readMetadata(storage, baseLocation);
    const built = await build({ base, baseLocation, attempt });
    const files = tableFiles(storage, base.location);
    const next = files.file(nextMetadataName(baseLocation));
    await files.store.write(next.key, serializeMetadata(built.metadata));
    if (await pointer.swap(baseLocation, next.uri, built.metadata))
      return { metadata: built.metadata, location: next.uri, attempts: attempt };
    // Lost the race: nothing refers to this attempt's files; remove them and try on the new base.
    for (const uri of [next.uri, ...built.written]) {
      const r = storage.resolve(uri);
      await r.store.delete(r.key).catch(() => {});
    }
    await sleep(Math.floor(Math.random() * 10 * Math.min(attempt, 10)));
  }
  throw new SluiceError(
    'ConcurrentModificationException',
    `Gave up committing after ${MAX_ATTEMPTS} attempts: other writers kept committing first`,
  );
}

export function conflict(message: string): SluiceError {
  return new SluiceError('ConcurrentModificationException', message);
}
