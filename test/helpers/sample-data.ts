// Test fixtures for src/sample-data: a fresh project with generated sample data, and ways to read
// the generated files back (gunzipped, as text, as CSV rows) without trusting the generator's stats.
import { gunzipSync } from 'node:zlib';
import { openTestProject, type TestProject } from './backends.js';
import { generateSampleData, type SampleDataOptions, type SampleDataSummary } from '../../src/sample-data/index.js';
import type { ObjectStore } from '../../src/storage/object-store.js';

export interface SampleProject extends TestProject {
  summary: SampleDataSummary;
  store: ObjectStore;
  /** The raw zone's key prefix inside store, ending in '/'. */
  raw: string;
  /** Every object under the raw zone: key relative to the raw zone → bytes. */
  files(): Promise<Map<string, Buffer>>;
  /** A file's text, gunzipped when its name ends in .gz. */
  text(rel: string): Promise<string>;
}

export async function openSampleProject(options: SampleDataOptions): Promise<SampleProject> {
  const project = await openTestProject('sqlite');
  try {
    const { services } = project.sluice;
    const summary = await generateSampleData(services, options);
    const { store, key } = services.storage.resolve(services.config.zones.raw);
    const raw = key.replace(/\/*$/, '/');
    return {
      ...project,
      summary,
      store,
      raw,
      async files() {
        const out = new Map<string, Buffer>();
        for await (const info of store.list(raw)) out.set(info.key.slice(raw.length), await store.readBytes(info.key));
        return out;
      },
      async text(rel) {
        const bytes = await store.readBytes(raw + rel);
        return (rel.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
      },
    };
  } catch (e) {
    await project.cleanup();
    throw e;
  }
}

/** An RFC 4180 reader, written independently of the generator's writer so the tests check it. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) {
      field += c;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    }
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** The largest deviation from rate p over n draws that a test should accept: four standard deviations. */
export function tolerance(p: number, n: number): number {
  return 4 * Math.sqrt((p * (1 - p)) / n) + 1e-9;
}
