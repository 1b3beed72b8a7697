// A temporary folder with real storage, for QueryEngine tests: files are written into it and engines
// are opened over it (closed and removed by cleanup).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseConfig } from '../../src/config/project.js';
import type { SluiceConfig } from '../../src/config/schema.js';
import { createStorage } from '../../src/storage/create-storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { createEngine } from '../../src/engine/create-engine.js';
import type { QueryEngine } from '../../src/engine/query-engine.js';

export interface EngineProject {
  dir: string;
  config: SluiceConfig;
  storage: Storage;
  /** Writes a file below dir (folders created) and returns its absolute path. */
  file(rel: string, content: string | Buffer): string;
  engine(options?: { sandbox?: boolean }): Promise<QueryEngine>;
  cleanup(): Promise<void>;
}

export function engineProject(yaml = ''): EngineProject {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-engine-'));
  const config = parseConfig(yaml);
  const storage = createStorage(dir, config);
  const engines: QueryEngine[] = [];
  return {
    dir,
    config,
    storage,
    file(rel, content) {
      const path = join(dir, rel);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
    async engine(options = {}) {
      const e = await createEngine(config, storage, { tempDir: join(dir, '.sluice', 'tmp'), ...options });
      engines.push(e);
      return e;
    },
    async cleanup() {
      for (const e of engines) await e.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
