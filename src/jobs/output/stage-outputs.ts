// Moves a run's written files from its scratch folder into staged writes of their targets' stores.
// Nothing is visible yet: commit-run.ts seals them, records the commit, then completes them.
// append adds files beside the old ones (names are unique per write); overwrite replaces the whole
// folder; overwrite-partitions replaces only the partition folders this run wrote.
import { join } from 'node:path';
import type { Services } from '../../kernel/services.js';
import { filesUnder, moveFile } from '../../storage/fs-util.js';
import type { ObjectEncryption, StagedWrite } from '../../storage/object-store.js';
import type { PendingOutput } from '../runtime/run-session.js';
import { sweepStaging } from '../../runs/run-commit.js';
import { partitionOf } from './partition-folders.js';

export interface Stage {
  staged: StagedWrite;
  replace: boolean;
  /** The output's location, whose store holds the stage. */
  location: string;
}

/** encryption: the run's security configuration's S3Encryption (sealed on the client on local folders). */
export async function stageOutput(services: Services, out: PendingOutput, encryption?: ObjectEncryption): Promise<Stage[]> {
  const { store, key } = services.storage.resolve(out.location);
  // Staging left by runs that were killed before their commit was decided goes first.
  await sweepStaging(services, store);
  const scratch = join(services.root, out.scratch);
  const files = await filesUnder(scratch);
  const groups = new Map<string, string[]>();
  if (out.mode === 'overwrite-partitions' && out.partitionKeys.length) {
    for (const f of files) {
      const folder = partitionOf(f, out.partitionKeys)?.folder ?? '';
      groups.set(folder, [...(groups.get(folder) ?? []), f]);
    }
  } else groups.set('', files);

  const stages: Stage[] = [];
  try {
    for (const [folder, rels] of groups) {
      const prefix = folder ? `${key.replace(/\/?$/, '/')}${folder}` : key;
      const staged = await store.stage(prefix, { encryption });
      stages.push({ staged, replace: out.mode !== 'append', location: out.location });
      const dest = await staged.localDir();
      for (const rel of rels) await moveFile(join(scratch, rel), join(dest, folder ? rel.slice(folder.length + 1) : rel));
    }
  } catch (e) {
    for (const s of stages) await s.staged.abort();
    throw e;
  }
  return stages;
}
