// Randomly damaged files (bit flips, truncations, splices of two files) through a real job, beside
// one intact file: no crash and no hang; a run either succeeds with every file accounted for (read,
// empty or set aside) and every row of the intact file written, or fails naming a damaged file.
// SLUICE_FUZZ_FILES sets how many damaged files (default 160, a few thousand on demand);
// SLUICE_FUZZ_SEED replays a failing case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { avroBytes, avroRows } from '../../../test/helpers/avro-files.js';
import { damage, goodCsv, random, type Damage } from '../../../test/helpers/job-bad-inputs.js';
import { createJob, runInProcess, writeScript } from '../job-test-helpers.js';
import type { FileAccount } from './input-accounting.js';

const FILES = Number(process.env.SLUICE_FUZZ_FILES ?? 160);
const SEED = Number(process.env.SLUICE_FUZZ_SEED ?? 20261201);
const PER_RUN = 8;
const KINDS: Damage[] = ['bitflip', 'truncate', 'splice'];

let p: TestProject;
const originals: Record<string, { ext: string; format: string; body: Buffer; intact: (from: number) => Buffer }> = {};

beforeAll(async () => {
  p = await openTestProject('sqlite');
  writeScript(
    p.dir,
    'jobs/fuzz.mjs',
    `export default async (glue) => {
  const src = await glue.fromPath({ paths: glue.args['--src'], format: glue.args['--format'], sourceFileColumn: '_source_file' });
  await glue.write(src, { path: glue.args['--out'] });
};`,
  );
  await createJob(p.sluice, 'fuzz', 'jobs/fuzz.mjs');
  const csv = (from: number) => Buffer.from(goodCsv(200, from).text);
  const ndjson = (from: number) =>
    Buffer.from(Array.from({ length: 200 }, (_, i) => `${JSON.stringify({ id: from + i, name: `n${i}`, amount: i / 4 })}\n`).join(''));
  const engine = await p.sluice.services.openEngine({ sandbox: false });
  const parquet = async (from: number) => {
    const file = join(p.dir, `intact-${from}.parquet`);
    await engine.query(`COPY (SELECT range AS id, 'n' || range AS name FROM range(${from}, ${from + 200})) TO '${file}' (FORMAT parquet)`);
    return readFileSync(file);
  };
  const intactParquet = await parquet(1_000_000);
  const bodyParquet = await parquet(0);
  await engine.close();
  originals.csv = { ext: 'csv', format: 'csv', body: csv(0), intact: csv };
  originals.gz = { ext: 'csv.gz', format: 'csv', body: gzipSync(csv(0)), intact: (f) => gzipSync(csv(f)) };
  originals.json = { ext: 'json', format: 'json', body: ndjson(0), intact: ndjson };
  originals.parquet = { ext: 'parquet', format: 'parquet', body: bodyParquet, intact: () => intactParquet };
  // Avro (blocks of about 1 KB, so damage hits one of several) and XML, decoded in Node.
  const intactAvro = await avroBytes(avroRows(200, 1_000_000), undefined, 1024);
  originals.avro = { ext: 'avro', format: 'avro', body: await avroBytes(avroRows(200), undefined, 1024), intact: () => intactAvro };
  const xml = (from: number) =>
    Buffer.from(
      `<rows>\n${Array.from({ length: 200 }, (_, i) => `  <row><id>${from + i}</id><name>n${i}</name></row>`).join('\n')}\n</rows>\n`,
    );
  originals.xml = { ext: 'xml', format: 'xml', body: xml(0), intact: xml };
});
afterAll(async () => {
  await p?.cleanup();
});

describe('randomly damaged files', () => {
  it(`${FILES} of them, ${PER_RUN} a run beside an intact file: every file accounted for, no good row lost`, async () => {
    const rnd = random(SEED);
    const kinds = Object.keys(originals);
    const outcomes: Record<string, number> = {};
    for (let run = 0; run * PER_RUN < FILES; run++) {
      const kind = kinds[run % kinds.length];
      const o = originals[kind];
      const other = originals[kinds[(run + 1) % kinds.length]].body;
      const dir = join(p.dir, 'data', `run-${run}`);
      mkdirSync(dir, { recursive: true });
      const damaged: string[] = [];
      for (let i = 0; i < Math.min(PER_RUN, FILES - run * PER_RUN); i++) {
        const name = `d${i}.${o.ext}`;
        writeFileSync(join(dir, name), damage(o.body, other, KINDS[Math.floor(rnd() * KINDS.length)], rnd));
        damaged.push(name);
      }
      writeFileSync(join(dir, `intact.${o.ext}`), o.intact(1_000_000));
      const out = join(p.dir, 'lake', `run-${run}`);
      const r = await runInProcess(p.sluice, 'fuzz', {
        '--src': dir,
        '--format': o.format,
        '--out': out,
        // Every other run sets unreadable files aside; the others must fail naming one (or succeed).
        '--ignore-corrupt-files': String(Math.floor(run / kinds.length) % 2 === 0),
        '--quarantine-path': join(p.dir, 'lake', `q-${run}`),
      });
      const context = `seed ${SEED}, run ${run} (${kind}): ${r.ErrorMessage ?? ''}`;
      expect(['SUCCEEDED', 'FAILED'], context).toContain(r.JobRunState);
      outcomes[`${kind} ${r.JobRunState}`] = (outcomes[`${kind} ${r.JobRunState}`] ?? 0) + 1;
      if (r.JobRunState === 'FAILED') {
        // A failure names the file it could not get past and is the data's fault, not Sluice's.
        expect(r.ErrorMessage, context).toMatch(/d\d+\.(csv|csv\.gz|json|parquet|avro|xml)/);
        expect(r.ErrorMessage, context).not.toMatch(/^InternalServiceException/);
        continue;
      }
      const details = await p.sluice.call('GetJobRunDetails', { JobName: 'fuzz', RunId: r.Id });
      const files: FileAccount[] = details.Metrics.inputFiles;
      for (const name of [...damaged, `intact.${o.ext}`])
        expect(
          files.some((f) => f.file.endsWith(`/${name}`)),
          `${context} ${name}`,
        ).toBe(true);
      for (const f of files)
        if (f.rowsInInput !== null) expect(f.rowsRead! + f.rowsQuarantined + f.rowsDropped, context).toBe(f.rowsInInput);
      expect(
        files.find((f) => f.file.endsWith(`/intact.${o.ext}`)),
        context,
      ).toMatchObject({ status: 'read', rowsRead: 200 });
      const engine = await p.sluice.services.openEngine({ sandbox: false });
      try {
        await engine.registerFiles('o', { format: 'parquet', paths: [out] });
        const n = await engine.query(`SELECT count(*) AS n FROM o WHERE _source_file LIKE '%intact%'`);
        expect(Number(n.rows[0].n), context).toBe(200);
      } finally {
        await engine.close();
      }
    }
    console.log('fuzz outcomes', outcomes);
  }, 600_000);
});
