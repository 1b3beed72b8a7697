// An encrypted zone end to end: a job's output lands sealed (DuckDB cannot read the files without
// the key), and Sluice's own query, crawler, jobs and quality runs read it; a rotation leaves old
// files readable; a wrong master key is an error naming the key, never garbage rows.
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify, parse } from 'yaml';
import { initProject, loadProject } from '../../config/project.js';
import { openSluice, type Sluice } from '../../config/compose.js';
import { queryCatalog } from '../../catalog/query.js';
import { createEngine } from '../../engine/create-engine.js';
import { createJob, runInProcess, writeScript } from '../../jobs/job-test-helpers.js';
import { crawlInProcess } from '../../../test/helpers/crawls.js';
import { evaluateTable } from '../../quality/service/evaluate-table.js';
import { keyRing } from '../../security/kms/index.js';
import { MAGIC } from '../../security/kms/envelope.js';
import { plainStore } from './encrypted-store.js';
import type { Storage } from '../storage.js';

let dir: string;
let sluice: Sluice;
let keyArn: string;
const q = async (s: Sluice, sql: string) => (await queryCatalog(s.services, sql)).rows;
const parquetUnder = (rel: string): string[] =>
  readdirSync(join(dir, rel), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.parquet'))
    .map((d) => join(d.parentPath, d.name));

function setConfig(change: (doc: any) => void): void {
  const file = join(dir, 'sluice.yaml');
  const doc = parse(readFileSync(file, 'utf8'));
  change(doc);
  writeFileSync(file, stringify(doc));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sluice-enc-'));
  initProject(dir);
  writeFileSync(join(dir, '.sluice', 'master.key'), randomBytes(32).toString('hex'));
  setConfig((doc) => (doc.kms = { masterKey: { file: '.sluice/master.key' }, encryptedZones: { processed: 'alias/lake' } }));
  const project = loadProject(dir);
  keyArn = keyRing(dir, project.config).create({ alias: 'alias/lake' }).Arn;
  sluice = await openSluice({ project });
  writeScript(dir, 'data/day1.csv', 'id,status,amount\n1,paid,10\n2,open,20\n3,paid,30\n');
  writeScript(dir, 'data/day2.csv', 'id,status,amount\n4,paid,40\n');
  writeScript(
    dir,
    'jobs/writer.ts',
    `export default async (glue: any) => {
  const src = await glue.fromPath({ paths: 'data/' + glue.args['--input'], format: 'csv' });
  await glue.write(src, { database: 'shop', table: 'orders', path: 'lake/processed/orders', partitionKeys: ['status'], mode: 'append' });
  await glue.commit();
};`,
  );
  writeScript(
    dir,
    'jobs/reader.ts',
    `export default async (glue: any) => {
  const src = await glue.fromCatalog({ database: 'shop', table: 'orders' });
  await glue.write(src, { database: 'shop', table: 'copy', path: 'lake/curated/copy', mode: 'overwrite' });
  await glue.commit();
};`,
  );
  await createJob(sluice, 'writer', 'jobs/writer.ts');
  await createJob(sluice, 'reader', 'jobs/reader.ts');
  expect((await runInProcess(sluice, 'writer', { '--input': 'day1.csv' })).JobRunState).toBe('SUCCEEDED');
});
afterAll(async () => {
  await sluice?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an encrypted zone', () => {
  it('holds only sealed files, which DuckDB cannot read without the key', async () => {
    const files = parquetUnder('lake/processed/orders');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(f).subarray(0, MAGIC.length).equals(MAGIC)).toBe(true);
    // The same engine, given the stores under the encryption layer: DuckDB reads the bytes as stored.
    const raw: Storage = {
      resolve: (l) => {
        const r = sluice.services.storage.resolve(l);
        return { ...r, store: plainStore(r.store) };
      },
    };
    const engine = await createEngine(sluice.services.config, raw, { tempDir: join(dir, '.sluice', 'tmp') });
    try {
      const read = async () => {
        await engine.registerFiles('t', { paths: [files[0]], format: 'parquet' });
        return engine.query('SELECT * FROM t');
      };
      await expect(read()).rejects.toThrow(/No magic bytes found/);
    } finally {
      await engine.close();
    }
  });

  it('is read by queries, jobs, crawlers and quality runs', async () => {
    expect(await q(sluice, 'SELECT id, status, amount FROM shop.orders ORDER BY id')).toEqual([
      { id: 1, status: 'paid', amount: 10 },
      { id: 2, status: 'open', amount: 20 },
      { id: 3, status: 'paid', amount: 30 },
    ]);
    expect((await runInProcess(sluice, 'reader')).JobRunState).toBe('SUCCEEDED');
    expect((await q(sluice, 'SELECT sum(amount) AS s FROM shop.copy'))[0].s).toBe(60);
    // curated is not an encrypted zone: the job wrote it plain
    for (const f of parquetUnder('lake/curated/copy')) expect(readFileSync(f).subarray(0, 4).toString()).toBe('PAR1');

    await sluice.call('CreateCrawler', {
      Name: 'enc',
      Role: 'r',
      DatabaseName: 'crawled',
      Targets: { S3Targets: [{ Path: 'lake/processed/orders' }] },
    });
    const crawl = await crawlInProcess(sluice, 'enc');
    expect(crawl.errorMessage ?? null).toBeNull();
    const { Table } = await sluice.call('GetTable', { DatabaseName: 'crawled', Name: 'orders' });
    expect(Table.StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual(['id', 'amount']);
    expect(Table.PartitionKeys.map((c: { Name: string }) => c.Name)).toEqual(['status']);
    expect((await q(sluice, 'SELECT count(*) AS n FROM crawled.orders'))[0].n).toBe(3);

    const [evaluated] = await evaluateTable(sluice.services, {
      dataSource: { GlueTable: { DatabaseName: 'shop', TableName: 'orders' } },
      rulesets: [{ text: 'Rules = [ RowCount = 3, ColumnValues "amount" <= 30 ]' }],
      accountId: sluice.services.config.account.id,
      record: false,
    });
    expect(evaluated.result.RuleResults?.map((r) => r.Result)).toEqual(['PASS', 'PASS']);
  });

  it('keeps files sealed before a key rotation readable after it', async () => {
    keyRing(dir, sluice.services.config).rotate(keyArn);
    expect((await runInProcess(sluice, 'writer', { '--input': 'day2.csv' })).JobRunState).toBe('SUCCEEDED');
    expect((await q(sluice, 'SELECT count(*) AS n, sum(amount) AS s FROM shop.orders'))[0]).toEqual({ n: 4, s: 100 });
  });

  it('refuses to read with a wrong or missing master key, naming the key', async () => {
    writeFileSync(join(dir, 'other.key'), randomBytes(32).toString('hex'));
    setConfig((doc) => (doc.kms.masterKey = { file: 'other.key' }));
    const wrong = await openSluice({ project: loadProject(dir) });
    try {
      await expect(q(wrong, 'SELECT * FROM shop.orders')).rejects.toThrow(
        `Cannot use KMS key ${keyArn}: the configured kms.masterKey is not the one this key was created with`,
      );
    } finally {
      await wrong.close();
    }
    setConfig((doc) => delete doc.kms);
    const none = await openSluice({ project: loadProject(dir) });
    try {
      await expect(q(none, 'SELECT * FROM shop.orders')).rejects.toThrow(`Cannot use KMS key ${keyArn}: sluice.yaml has no kms.masterKey`);
    } finally {
      await none.close();
    }
  });
});
