// Opens a QueryEngine: a fresh in-memory DuckDB database with its own scratch folder.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { SluiceConfig } from '../config/schema.js';
import type { Storage } from '../storage/storage.js';
import { classifyDuckDBError } from './classify-error.js';
import { DuckDBEngine } from './duckdb-engine.js';
import type { QueryEngine } from './query-engine.js';
import { literal } from './sql-text.js';

export interface EngineOptions {
  /** Lock user SQL to the registered inputs (see sandbox.ts). */
  sandbox?: boolean;
  /** Parent of the engine's scratch folder; default: the OS temp folder. */
  tempDir?: string;
}

export async function createEngine(config: SluiceConfig, storage: Storage, options: EngineOptions = {}): Promise<QueryEngine> {
  const parent = options.tempDir ?? tmpdir();
  await mkdir(parent, { recursive: true });
  const scratch = await mkdtemp(join(parent, 'engine-'));
  const settings: Record<string, string> = {
    // Nothing may be downloaded at run time; json and parquet are built into the bindings.
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    temp_directory: join(scratch, 'spill'),
  };
  // Settings from sluice.yaml go through SET, whose errors say what is wrong with the value (an
  // option DuckDB refuses at start-up only gives "Failed to set config").
  const fromConfig: [string, string, string | number | undefined][] = [
    ['threads', 'engine.threads', config.engine.threads],
    ['memory_limit', 'engine.memoryLimit', config.engine.memoryLimit],
  ];
  let instance: DuckDBInstance | undefined;
  let step = 'Cannot start DuckDB';
  try {
    instance = await DuckDBInstance.create(':memory:', settings);
    const connection = await instance.connect();
    for (const [name, key, value] of fromConfig) {
      if (value === undefined) continue;
      step = `Cannot start DuckDB: sluice.yaml ${key} = ${value}`;
      await connection.run(`SET ${name} = ${literal(value)}`);
    }
    return new DuckDBEngine({ instance, connection, storage, scratch, sandbox: options.sandbox === true });
  } catch (e) {
    instance?.closeSync();
    await rm(scratch, { recursive: true, force: true });
    throw classifyDuckDBError(e, step);
  }
}
