// Sweeping local staging: entries of dead writers are removed; an entry that died in the middle of a
// replace (old folder moved aside, new one not yet in place) is rolled back first, so a crash never
// loses the data that was visible before.
import { readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { walkFiles } from './fs-util.js';
import { DEFAULT_SWEEP_AGE_MS, isAbandoned } from './staging-id.js';
import type { LocalManifest } from './local-staged-write.js';

export async function sweepLocalStaging(
  stagingDir: string,
  olderThanMs = DEFAULT_SWEEP_AGE_MS,
  keep: () => Promise<ReadonlySet<string>> = async () => new Set(),
): Promise<number> {
  let names: string[];
  try {
    names = await readdir(stagingDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw e;
  }
  const doomed: { path: string; dir: boolean; id: string }[] = [];
  for (const name of names) {
    const path = join(stagingDir, name);
    const s = await stat(path).catch(() => undefined);
    if (!s) continue;
    const id = name.endsWith('.tmp') ? name.slice(0, -4) : name;
    if (isAbandoned(id, olderThanMs, s.mtimeMs)) doomed.push({ path, dir: s.isDirectory(), id });
  }
  if (!doomed.length) return 0;
  const kept = await keep();
  let removed = 0;
  for (const { path, dir, id } of doomed) {
    if (kept.has(id)) continue;
    if (dir) {
      await rollBackReplace(path);
      for await (const _ of walkFiles(join(path, 'data'))) removed++;
    } else {
      removed++;
    }
    await rm(path, { recursive: true, force: true });
  }
  return removed;
}

async function rollBackReplace(entry: string): Promise<void> {
  const old = join(entry, 'old');
  if (!(await stat(old).catch(() => undefined))) return;
  const manifest = JSON.parse(await readFile(join(entry, 'manifest.json'), 'utf8')) as LocalManifest;
  // Only when the new folder never arrived: then the old one is what readers saw last.
  if (!(await stat(manifest.target).catch(() => undefined))) await rename(old, manifest.target);
}
