// Finding a job's script: Command.ScriptLocation is a project-relative or absolute path, a file://
// URL or an s3:// URL (downloaded into the run's scratch folder, keeping its name).
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { invalidInput } from '../../kernel/errors.js';
import type { RunSession } from '../runtime/run-session.js';

export async function scriptPath(session: RunSession): Promise<string> {
  const location = session.job.Command?.ScriptLocation;
  if (!location) throw invalidInput(`Job ${session.job.Name} has no Command.ScriptLocation`);
  const { store, key } = session.services.storage.resolve(location);
  const info = await store.stat(key);
  if (!info) throw invalidInput(`The job's script ${location} does not exist.`);
  const local = store.localPath(key);
  if (local) return local;
  const dir = join(session.services.root, session.scratchRoot, 'script');
  await mkdir(dir, { recursive: true });
  const path = join(dir, basename(key));
  await writeFile(path, await store.readBytes(key));
  return path;
}
