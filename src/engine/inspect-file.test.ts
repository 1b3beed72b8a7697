// What inspecting a file finds before DuckDB reads it: each kind of damage DuckDB would read as a
// short file, a skipped record or a row of NULLs (see inspect-file.ts), on real files.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, statSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  binaryBytes,
  goodCsv,
  hugeFieldCsv,
  latin1Csv,
  ndjsonWithTruncatedLine,
  truncatedGzip,
} from '../../test/helpers/job-bad-inputs.js';
import { inspectFile, type InspectOptions } from './inspect-file.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-inspect-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function inspect(name: string, body: string | Buffer, o: Partial<InspectOptions> = {}) {
  const file = join(dir, name);
  writeFileSync(file, body);
  return inspectFile(file, statSync(file).size, { format: 'csv', ...o });
}

describe('inspectFile', () => {
  it('finds a truncated gzip (DuckDB reads it as a short file), and reads a whole one', async () => {
    expect((await inspect('cut.csv.gz', truncatedGzip())).problem).toMatch(/^corrupt gzip data \(unexpected end of file\)/);
    const whole = await inspect('ok.csv.gz', gzipSync(goodCsv(10).text));
    expect(whole.empty).toBe(false);
    expect(whole.problem).toBeUndefined();
    expect((await inspect('fake.csv.gz', goodCsv(3).text)).problem).toMatch(/not gzip data/);
  });

  it('the same through a stream, as for an object store', async () => {
    const file = join(dir, 'stream.csv.gz');
    writeFileSync(file, truncatedGzip());
    const facts = await inspectFile(async () => createReadStream(file), statSync(file).size, { format: 'csv', compression: 'gzip' });
    expect(facts.problem).toMatch(/corrupt gzip/);
  });

  it('measures the longest line, and tells empty, binary and non-UTF-8 files', async () => {
    expect((await inspect('big.csv', hugeFieldCsv(3_000_000).text)).longestLine).toBe(3_000_006);
    expect(await inspect('empty.csv', '')).toMatchObject({ empty: true });
    expect(await inspect('blank.csv', '\n \n')).toMatchObject({ empty: true });
    expect((await inspect('bin.csv', binaryBytes())).problem).toMatch(/^binary data, not CSV text \(a NUL byte at offset \d+\)/);
    expect((await inspect('latin.csv', latin1Csv())).problem).toMatch(/^not UTF-8 text/);
    expect((await inspect('latin2.csv', latin1Csv(), { encoding: 'latin-1' })).problem).toBeUndefined();
  });

  it('parses NDJSON line by line, and a JSON document whole', async () => {
    const j = ndjsonWithTruncatedLine();
    const nd = await inspect('cut.json', j.text, { format: 'json' });
    expect(nd.records).toBe(13);
    expect(nd.badLines?.map((b) => b.line)).toEqual([j.badLine]);
    expect(nd.badLines?.[0].reason).toMatch(/^not a JSON record/);
    expect(await inspect('doc.json', '{\n  "a": [1, 2],\n  "b": {"c": 3}\n}\n', { format: 'json' })).toMatchObject({
      records: 1,
      badLines: [],
    });
    expect(await inspect('arr.json', '[{"a": 1},\n {"a": 2}]\n', { format: 'json' })).toMatchObject({ records: 2, badLines: [] });
    expect((await inspect('broken.json', '{\n  "a": [1, 2\n', { format: 'json' })).problem).toMatch(/^not JSON/);
  });

  it('checks Parquet magic and footer', async () => {
    expect((await inspect('text.parquet', 'id\n1\n', { format: 'parquet' })).problem).toMatch(/not a Parquet file/);
    const fake = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(100), Buffer.from([0xff, 0xff, 0, 0]), Buffer.from('PAR1')]);
    expect((await inspect('footer.parquet', fake, { format: 'parquet' })).problem).toMatch(/footer claims/);
    expect((await inspect('cut.parquet', fake.subarray(0, 60), { format: 'parquet' })).problem).toMatch(/truncated or damaged/);
  });
});
