// Randomly damaged files through a real crawl: bit flips, truncations, byte insertions and deletions,
// and files spliced from two others, made here from good CSV, TSV, JSON, GeoJSON, XML, log, Avro,
// Parquet and gzip files. The crawl must not crash or hang and must account for every file: each is
// in a table (its objectCount) or reported unreadable with a reason.
// FUZZ_FILES (default 300) sets how many files; FUZZ_SEED replays a run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import avro from 'avsc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { crawlInProcess } from '../../test/helpers/crawls.js';

const FILES = Number(process.env.FUZZ_FILES ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

/** mulberry32: a small seeded generator, so a failing run can be replayed with FUZZ_SEED. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let p: TestProject;
const call = (op: string, input: unknown) => p.sluice.call(op, input) as Promise<any>;

async function goodFiles(): Promise<{ ext: string; body: Buffer }[]> {
  const rows = Array.from({ length: 200 }, (_, i) => ({ Id: i, Name: `name "${i}", x`, Score: i * 0.25, Ok: i % 2 === 0 }));
  const csv = 'Id,Name,Score,Ok\n' + rows.map((r) => `${r.Id},"${r.Name.replaceAll('"', '""')}",${r.Score},${r.Ok}`).join('\n') + '\n';
  const tsv = 'id\tcity\ttemp\n' + rows.map((r) => `${r.Id}\tc${r.Id}\t${r.Score}`).join('\n') + '\n';
  const ndjson = rows.map((r) => JSON.stringify({ ...r, Nested: { A: r.Id, List: [1, 2] } })).join('\n') + '\n';
  const geo = JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map((r) => ({ type: 'Feature', properties: { name: r.Name }, geometry: { type: 'Point', coordinates: [r.Score, 1] } })),
  });
  const xml = '<rows>\n' + rows.map((r) => `  <row><id>${r.Id}</id><score>${r.Score}</score></row>`).join('\n') + '\n</rows>\n';
  const log =
    rows
      .map(
        (r) =>
          `127.0.0.${r.Id % 255} - - [01/Dec/2026:10:00:${String(r.Id % 60).padStart(2, '0')} +0000] "GET /p/${r.Id} HTTP/1.1" 200 ${r.Id * 10}`,
      )
      .join('\n') + '\n';
  const type = avro.Type.forSchema({
    type: 'record',
    name: 'Row',
    fields: [
      { name: 'Id', type: 'int' },
      { name: 'Name', type: 'string' },
      { name: 'Score', type: 'double' },
    ],
  });
  const avroBody = await new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    const enc = new avro.streams.BlockEncoder(type, { blockSize: 512, writeHeader: true });
    enc.on('data', (c: Buffer) => chunks.push(c));
    enc.on('end', () => resolve(Buffer.concat(chunks)));
    for (const r of rows) enc.write({ Id: r.Id, Name: r.Name, Score: r.Score });
    enc.end();
  });
  const engine = await p.sluice.services.openEngine();
  const parquetPath = join(p.dir, 'seed.parquet');
  await engine.query(
    `COPY (SELECT i AS "Id", 'n' || i AS "Name", i * 0.5 AS score FROM range(500) t(i)) TO '${parquetPath}' (FORMAT parquet)`,
  );
  await engine.close();
  const { readFileSync } = await import('node:fs');
  return [
    { ext: 'csv', body: Buffer.from(csv) },
    { ext: 'tsv', body: Buffer.from(tsv) },
    { ext: 'json', body: Buffer.from(ndjson) },
    { ext: 'geojson', body: Buffer.from(geo) },
    { ext: 'xml', body: Buffer.from(xml) },
    { ext: 'log', body: Buffer.from(log) },
    { ext: 'avro', body: avroBody },
    { ext: 'parquet', body: readFileSync(parquetPath) },
    { ext: 'csv.gz', body: gzipSync(csv) },
    { ext: 'json.gz', body: gzipSync(ndjson) },
  ];
}

/** One damaged copy of a good file: the damage is chosen at random, some files stay whole. */
function damage(rand: () => number, files: { ext: string; body: Buffer }[]): { ext: string; body: Buffer; how: string } {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const base = pick(files);
  const body = Buffer.from(base.body);
  const at = () => Math.floor(rand() * body.length);
  switch (pick(['flip', 'flip', 'truncate', 'splice', 'insert', 'delete', 'whole'])) {
    case 'flip': {
      const n = 1 + Math.floor(rand() * 8);
      for (let i = 0; i < n; i++) body[at()] ^= 1 << Math.floor(rand() * 8);
      return { ext: base.ext, body, how: `${n} bit flips` };
    }
    case 'truncate': {
      const cut = at();
      return { ext: base.ext, body: body.subarray(0, cut), how: `truncated at ${cut}` };
    }
    case 'splice': {
      const other = pick(files).body;
      const a = at();
      const b = Math.floor(rand() * other.length);
      return { ext: base.ext, body: Buffer.concat([body.subarray(0, a), other.subarray(b)]), how: `spliced at ${a}/${b}` };
    }
    case 'insert': {
      const a = at();
      const junk = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)));
      return {
        ext: base.ext,
        body: Buffer.concat([body.subarray(0, a), junk, body.subarray(a)]),
        how: `${junk.length} bytes inserted at ${a}`,
      };
    }
    case 'delete': {
      const a = at();
      return {
        ext: base.ext,
        body: Buffer.concat([body.subarray(0, a), body.subarray(a + 1 + Math.floor(rand() * 64))]),
        how: `bytes deleted at ${a}`,
      };
    }
    default:
      return { ext: base.ext, body, how: 'whole' };
  }
}

beforeAll(async () => {
  p = await openTestProject('sqlite');
});
afterAll(async () => {
  await p?.cleanup();
});

describe(`crawler fuzz (${FILES} files, FUZZ_SEED=${SEED})`, () => {
  it('crawls damaged files without crashing, and accounts for every one', { timeout: 600_000 }, async () => {
    const rand = random(SEED);
    const good = await goodFiles();
    const made: Record<string, string> = {};
    // Files in folders of ten, so that folders mix formats and damage like the lake a crawler meets.
    for (let i = 0; i < FILES; i++) {
      const f = damage(rand, good);
      const rel = `d${String(Math.floor(i / 10)).padStart(3, '0')}/f${String(i).padStart(4, '0')}.${f.ext}`;
      mkdirSync(join(p.dir, 'lake/fuzz', rel, '..'), { recursive: true });
      writeFileSync(join(p.dir, 'lake/fuzz', rel), f.body);
      made[`lake/fuzz/${rel}`] = f.how;
    }
    await call('CreateCrawler', { Name: 'fuzz', Role: 'r', DatabaseName: 'fuzz', Targets: { S3Targets: [{ Path: 'lake/fuzz' }] } });
    const crawl = await crawlInProcess(p.sluice, 'fuzz');
    expect(crawl.errorMessage).toBeUndefined();
    expect(crawl.state).toBe('COMPLETED');

    const details = await call('GetCrawlDetails', { CrawlerName: 'fuzz', IncludeLog: true });
    // The crawl's record names the first 500 unreadable files; its log names every one.
    const logged = (details.Log as any[]).filter((l) => l.path !== undefined && l.reason !== undefined);
    const unreadable = new Map<string, string>(logged.map((l) => [l.path, l.reason]));
    expect(unreadable.size).toBe(logged.length);
    expect(details.UnreadableCount).toBe(unreadable.size);
    expect(details.UnreadableFiles).toEqual(logged.slice(0, 500).map((l) => ({ Path: l.path, Reason: l.reason })));
    for (const [path, reason] of unreadable) {
      expect(made[path], `an unreadable file the test did not make: ${path}`).toBeDefined();
      expect(reason, path).toMatch(/\S/);
    }
    const tables: any[] = [];
    for (let token: string | undefined, first = true; first || token; first = false) {
      const page = await call('GetTables', { DatabaseName: 'fuzz', NextToken: token });
      tables.push(...page.TableList);
      token = page.NextToken;
    }
    const inTables = tables.reduce((n, t) => n + Number(t.Parameters.objectCount), 0);
    // Every file is in exactly one place: a table, or the unreadable list.
    expect(inTables + unreadable.size, `${tables.length} tables, warnings: ${details.Warnings.join(' | ')}`).toBe(FILES);
    expect(crawl.progress.filesListed).toBe(FILES);
  });
});
