import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleProject, type SampleProject } from '../../test/helpers/sample-data.js';
import { openTestProject } from '../../test/helpers/backends.js';
import { generateSampleData } from './generate.js';
import { PRODUCT_COUNT } from './products.js';
import { FX_START } from './fx-rates.js';

const OPTIONS = { seed: 5, days: 3, scale: 0.2 };
let a: SampleProject;
let b: SampleProject;
let c: SampleProject;

beforeAll(async () => {
  [a, b, c] = await Promise.all([openSampleProject(OPTIONS), openSampleProject(OPTIONS), openSampleProject({ ...OPTIONS, seed: 6 })]);
});
afterAll(async () => {
  await Promise.all([a, b, c].map((p) => p?.cleanup()));
});

describe('generateSampleData', () => {
  it('writes byte-identical files for the same seed', async () => {
    const [fa, fb] = [await a.files(), await b.files()];
    expect([...fa.keys()]).toEqual([...fb.keys()]);
    expect(fa.size).toBe(1 + 1 + 3 + 3 * 4 + 1); // customers, products, fx_rates, orders, reviews
    for (const [key, bytes] of fa) expect(bytes.equals(fb.get(key)!), key).toBe(true);
    const portable = (p: SampleProject) => JSON.parse(JSON.stringify(p.summary).replaceAll(p.dir, '<project>'));
    expect(portable(a)).toEqual(portable(b));
  });

  it('writes different data for another seed, in the same layout', async () => {
    const [fa, fc] = [await a.files(), await c.files()];
    expect([...fc.keys()]).toEqual([...fa.keys()]);
    for (const [key, bytes] of fa) expect(bytes.equals(fc.get(key)!), key).toBe(false);
  });

  it('reports what it wrote, matching the files', async () => {
    const files = await a.files();
    for (const d of a.summary.datasets) {
      for (const f of d.files) expect(files.get(f.key.slice(a.raw.length))?.length, f.key).toBe(f.bytes);
    }
    const rows = Object.fromEntries(a.summary.datasets.map((d) => [d.name, d.rows]));
    expect(rows).toMatchObject({ customers: 448, products: PRODUCT_COUNT, fx_rates: 3 * 24 * Object.keys(FX_START).length, reviews: 300 });
    expect(a.summary.datasets.map((d) => d.name)).toEqual(['customers', 'products', 'fx_rates', 'orders', 'reviews']);
  });

  it('writes hourly FX rates per day that drift but stay near their start', async () => {
    const day = JSON.parse(await a.text('fx_rates/2024-03-05.json')) as { ts: string; base: string; quote: string; rate: number }[];
    expect(day).toHaveLength(24 * Object.keys(FX_START).length);
    expect(day[0]).toMatchObject({ ts: '2024-03-05T00:00:00Z', base: 'EUR', quote: 'USD' });
    const usd = day.filter((r) => r.quote === 'USD').map((r) => r.rate);
    expect(new Set(usd).size).toBeGreaterThan(12);
    for (const r of usd) expect(Math.abs(r / FX_START.USD - 1)).toBeLessThan(0.05);
  });

  it('writes the product catalogue as Parquet the engine can read', async () => {
    const engine = await a.sluice.services.openEngine({ sandbox: false });
    try {
      await engine.registerFiles('products', { format: 'parquet', paths: [a.store.localPath(`${a.raw}products/products.parquet`)!] });
      const { columns, rows } = await engine.query('SELECT count(*) AS n, count(brand) AS branded, min(unit_price) AS lo FROM products');
      expect(rows[0].n).toBe(PRODUCT_COUNT);
      expect(Number(rows[0].branded)).toBeLessThan(PRODUCT_COUNT);
      expect(Number(rows[0].lo)).toBeGreaterThan(0);
      expect(columns.map((c) => c.name)).toEqual(['n', 'branded', 'lo']);
      const schema = await engine.query('DESCRIBE SELECT * FROM products');
      expect(Object.fromEntries(schema.rows.map((r) => [r.column_name, r.column_type]))).toMatchObject({
        product_id: 'VARCHAR',
        unit_price: 'DECIMAL(10,2)',
        created_at: 'DATE',
      });
    } finally {
      await engine.close();
    }
  });

  it('writes proportionally more rows with --scale', async () => {
    const p = await openTestProject();
    try {
      const options = { seed: 5, days: 3, datasets: ['customers', 'orders', 'reviews'] as const };
      const small = await generateSampleData(p.sluice.services, { ...options, scale: 0.2 });
      const big = await generateSampleData(p.sluice.services, { ...options, scale: 0.6, clean: true });
      for (const name of ['customers', 'orders', 'reviews']) {
        const ratio = big.datasets.find((d) => d.name === name)!.rows / small.datasets.find((d) => d.name === name)!.rows;
        expect(ratio, name).toBeGreaterThan(2.9);
        expect(ratio, name).toBeLessThan(3.1);
      }
    } finally {
      await p.cleanup();
    }
  });

  it('with clean, removes files a longer earlier run left behind, and only in its data sets', async () => {
    const p = await openTestProject();
    try {
      const { store, key } = p.sluice.services.storage.resolve(p.sluice.services.config.zones.raw);
      await store.write(`${key}/notes/keep.txt`, 'not sample data');
      await generateSampleData(p.sluice.services, { days: 3, scale: 0.05, datasets: ['fx_rates'] });
      await generateSampleData(p.sluice.services, { days: 2, scale: 0.05, datasets: ['fx_rates'], clean: true });
      const keys: string[] = [];
      for await (const info of store.list(`${key}/`)) keys.push(info.key.slice(key.length + 1));
      expect(keys).toEqual(['fx_rates/2024-03-04.json', 'fx_rates/2024-03-05.json', 'notes/keep.txt']);
    } finally {
      await p.cleanup();
    }
  });

  it('rejects invalid options, naming every problem', async () => {
    await expect(generateSampleData(a.sluice.services, { days: 0, scale: -1 })).rejects.toThrow(/days must be .*scale must be/);
    await expect(generateSampleData(a.sluice.services, { startDate: '2024-02-30' })).rejects.toMatchObject({
      type: 'InvalidInputException',
    });
  });
});
