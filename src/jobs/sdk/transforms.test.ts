// Each DynamicFrame transform in a real job script, run by the real executor code (in this
// process) on a real DuckDB engine over real files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { createJob, runInProcess, writeScript } from '../job-test-helpers.js';

let p: TestProject;
let n = 0;

/** Runs a script body (with `glue` and `out(value)` in scope) and returns what it passed to out. */
async function script(body: string): Promise<any> {
  const name = `t${++n}`;
  writeScript(
    p.dir,
    `jobs/${name}.ts`,
    `import { writeFileSync } from 'node:fs';
export default async (glue: any) => {
  const out = (v: unknown) => writeFileSync(${JSON.stringify(join(p.dir, `${name}.json`))}, JSON.stringify(v));
  const orders = await glue.fromPath({ paths: 'data/orders.csv', format: 'csv' });
  ${body}
};`,
  );
  await createJob(p.sluice, name, `jobs/${name}.ts`);
  const run = await runInProcess(p.sluice, name);
  if (run.JobRunState !== 'SUCCEEDED') throw new Error(`${name} ${run.JobRunState}: ${run.ErrorMessage}`);
  return JSON.parse(readFileSync(join(p.dir, `${name}.json`), 'utf8'));
}

async function failure(body: string): Promise<string> {
  const name = `t${++n}`;
  writeScript(
    p.dir,
    `jobs/${name}.ts`,
    `export default async (glue: any) => {
  const orders = await glue.fromPath({ paths: 'data/orders.csv', format: 'csv' });
  ${body}
};`,
  );
  await createJob(p.sluice, name, `jobs/${name}.ts`);
  const run = await runInProcess(p.sluice, name);
  expect(run.JobRunState).toBe('FAILED');
  return run.ErrorMessage!;
}

beforeAll(async () => {
  p = await openTestProject('sqlite');
  writeScript(
    p.dir,
    'data/orders.csv',
    'id,customer,amount,status,note\n1,c1,10.5,paid,\n2,c2,x,paid,\n3,c1,7,open,\n3,c1,7,open,\n4,c3,,refunded,\n',
  );
  writeScript(p.dir, 'data/customers.csv', 'cid,name\nc1,Ann\nc2,Bob\nc9,Zed\n');
  writeScript(
    p.dir,
    'data/people.json',
    '{"id":1,"name":{"first":"Ann","last":"Lee"},"phones":["1","2"]}\n{"id":2,"name":{"first":"Bob","last":"Ray"},"phones":[]}\n',
  );
});
afterAll(async () => {
  await p?.cleanup();
});

describe('transforms', () => {
  it('ApplyMapping renames and casts, keeps only mapped fields, and nulls values that do not convert', async () => {
    const r =
      await script(`const m = await orders.applyMapping([['id', 'long', 'order_id', 'int'], ['amount', 'string', 'amount', 'double']]);
      out({ schema: await m.schema(), rows: await m.toRows() });`);
    expect(r.schema).toEqual([
      { name: 'order_id', type: 'INTEGER' },
      { name: 'amount', type: 'DOUBLE' },
    ]);
    expect(r.rows.map((x: any) => x.amount)).toEqual([10.5, null, 7, 7, null]);
    expect(await failure(`await orders.applyMapping([['nope', 'string', 'x', 'string']]);`)).toMatch(/no field nope/);
  });

  it('ResolveChoice casts, projects, makes columns and matches a catalog table', async () => {
    await p.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'ref' } });
    await p.sluice.call('CreateTable', {
      DatabaseName: 'ref',
      TableInput: { Name: 'orders', StorageDescriptor: { Columns: [{ Name: 'amount', Type: 'decimal(10,2)' }] } },
    });
    const r = await script(`const a = await orders.resolveChoice({ specs: [['amount', 'cast:double']] });
      const b = await orders.resolveChoice({ specs: [['amount', 'make_cols']] });
      const c = await orders.resolveChoice({ choice: 'match_catalog', database: 'ref', table: 'orders' });
      out({ a: await a.toRows(), b: await b.schema(), c: await c.schema() });`);
    expect(r.a.map((x: any) => x.amount)).toEqual([10.5, null, 7, 7, null]);
    expect(r.b.map((c: any) => c.name)).toEqual(['id', 'customer', 'amount_bigint', 'amount_double', 'amount_varchar', 'status', 'note']);
    expect(r.c.find((c: any) => c.name === 'amount').type).toBe('DECIMAL(10,2)');
    expect(await failure(`await orders.resolveChoice({ specs: [['amount', 'explode']] });`)).toMatch(/not one of cast/);
  });

  it('DropNullFields, DropFields, SelectFields and RenameField', async () => {
    const r = await script(`const a = await orders.dropNullFields();
      const b = await orders.dropFields(['note', 'status']);
      const c = await orders.selectFields(['status', 'id']);
      const d = await orders.renameField('customer', 'customer_id');
      const people = await glue.fromPath({ paths: 'data/people.json', format: 'json' });
      const e = await people.dropFields(['name.last']);
      const f = await people.selectFields(['name.first']);
      const names = async (x: any) => (await x.schema()).map((c: any) => c.name);
      out({ a: await names(a), b: await names(b), c: await names(c), d: await names(d), e: await e.schema(), f: await f.toRows() });`);
    expect(r.a).toEqual(['id', 'customer', 'amount', 'status']);
    expect(r.b).toEqual(['id', 'customer', 'amount']);
    expect(r.c).toEqual(['status', 'id']);
    expect(r.d).toEqual(['id', 'customer_id', 'amount', 'status', 'note']);
    expect(r.e.find((c: any) => c.name === 'name').type).toBe('STRUCT("first" VARCHAR)');
    expect(r.f).toEqual([{ 'name.first': 'Ann' }, { 'name.first': 'Bob' }]);
    expect(await failure(`await orders.renameField('id', 'status');`)).toMatch(/already has a field status/);
  });

  it('resolves field names case-insensitively, as Glue does', async () => {
    const r = await script(`const b = await orders.dropFields(['NOTE', 'Status']);
      const c = await orders.selectFields(['STATUS', 'Id']);
      const d = await orders.renameField('Customer', 'customer_id');
      const m = await orders.applyMapping([['ID', 'long', 'order_id', 'long'], ['Amount', 'string', 'amount', 'double']]);
      const w = await orders.withColumn('AMOUNT', "'x'");
      const names = async (x: any) => (await x.schema()).map((c: any) => c.name);
      out({ b: await names(b), c: (await c.toRows())[0], d: await names(d), m: (await m.toRows())[0], w: await names(w) });`);
    expect(r.b).toEqual(['id', 'customer', 'amount']);
    // The frame's own spelling, as Spark keeps it.
    expect(r.c).toEqual({ status: 'paid', id: 1 });
    expect(r.d).toEqual(['id', 'customer_id', 'amount', 'status', 'note']);
    expect(r.m).toEqual({ order_id: 1, amount: 10.5 });
    expect(r.w).toEqual(['id', 'customer', 'amount', 'status', 'note']);
  });

  it('Filter by SQL and by function, and Map by function', async () => {
    const r = await script(`const a = await orders.filter("status = 'paid'");
      const b = await orders.filter((row: any) => row.customer === 'c1');
      const c = await orders.map((row: any) => ({ ...row, id: row.id * 10, tag: 'x' }));
      out({ a: await a.count(), b: await b.toRows(), c: await c.toRows(2), cs: await c.schema() });`);
    expect(r.a).toBe(2);
    expect(r.b.map((x: any) => x.id)).toEqual([1, 3, 3]);
    expect(r.c.map((x: any) => [x.id, x.tag])).toEqual([
      [10, 'x'],
      [20, 'x'],
    ]);
    expect(r.cs.find((c: any) => c.name === 'id').type).toBe('BIGINT');
  });

  it('Join keeps both sides, renaming clashes, for each join type', async () => {
    const r = await script(`const cust = await glue.fromPath({ paths: 'data/customers.csv', format: 'csv' });
      const types = ['equijoin', 'left', 'right', 'outer', 'leftsemi', 'leftanti'];
      const counts: Record<string, number> = {};
      for (const t of types) counts[t] = await (await orders.join(cust, ['customer'], ['cid'], { type: t })).count();
      const j = await orders.join(cust, ['customer'], ['cid']);
      out({ counts, cols: (await j.schema()).map((c: any) => c.name) });`);
    expect(r.counts).toEqual({ equijoin: 4, left: 5, right: 5, outer: 6, leftsemi: 4, leftanti: 1 });
    expect(r.cols).toEqual(['id', 'customer', 'amount', 'status', 'note', 'cid', 'name']);
  });

  it('Relationalize flattens structs and pivots arrays into child frames joined by id', async () => {
    const r = await script(`const people = await glue.fromPath({ paths: 'data/people.json', format: 'json' });
      const frames = await people.relationalize('root');
      out({ keys: Object.keys(frames), root: await frames.root.toRows(), phones: await frames.root_phones.toRows() });`);
    expect(r.keys).toEqual(['root', 'root_phones']);
    expect(r.root[0]).toMatchObject({ id: 1, 'name.first': 'Ann', 'name.last': 'Lee' });
    expect(r.phones).toEqual([
      { id: r.root[0].phones, index: 0, 'phones.val': '1' },
      { id: r.root[0].phones, index: 1, 'phones.val': '2' },
    ]);
  });

  it('FillMissingValues fills numbers with the mean and text with the most frequent value', async () => {
    const r = await script(`const typed = await orders.resolveChoice({ specs: [['amount', 'cast:double']] });
      const a = await typed.fillMissingValues('amount');
      const b = await orders.fillMissingValues('note');
      out({ a: (await a.toRows()).map((x: any) => x.amount_filled), b: (await b.toRows()).map((x: any) => x.note_filled) });`);
    expect(r.a).toEqual([10.5, 8.166666666666666, 7, 7, 8.166666666666666]);
    expect(r.b).toEqual([null, null, null, null, null]);
  });

  it('DropDuplicates, Union and Aggregate', async () => {
    const r = await script(`const a = await orders.dropDuplicates();
      const b = await orders.dropDuplicates(['customer'], { orderBy: 'id DESC' });
      const u = await orders.union(orders);
      const ud = await orders.union(orders, { distinct: true });
      const typed = await orders.resolveChoice({ specs: [['amount', 'cast:double']] });
      const g = await typed.aggregate(['customer'], [{ column: 'amount', aggFunc: 'sum' }, { column: 'id', aggFunc: 'countDistinct', as: 'orders' }]);
      const sorted = await glue.sql('SELECT * FROM g ORDER BY customer', { g });
      out({ a: await a.count(), b: (await b.toRows()).map((x: any) => [x.customer, x.id]).sort(), u: await u.count(), ud: await ud.count(), g: await sorted.toRows() });`);
    expect(r.a).toBe(4);
    expect(r.b).toEqual([
      ['c1', 3],
      ['c2', 2],
      ['c3', 4],
    ]);
    expect([r.u, r.ud]).toEqual([10, 4]);
    expect(r.g).toEqual([
      { customer: 'c1', 'sum(amount)': 24.5, orders: 2 },
      { customer: 'c2', 'sum(amount)': null, orders: 1 },
      { customer: 'c3', 'sum(amount)': null, orders: 1 },
    ]);
    expect(await failure(`await orders.aggregate([], [{ column: 'id', aggFunc: 'median' }]);`)).toMatch(/median is not one of/);
  });

  it('SQL over frames under their aliases, also after a WITH', async () => {
    const r =
      await script(`const s = await glue.sql('WITH t AS (SELECT customer, count(*) AS n FROM o GROUP BY customer) SELECT * FROM t ORDER BY n DESC, customer', { o: orders });
      out(await s.toRows());`);
    expect(r).toEqual([
      { customer: 'c1', n: 3 },
      { customer: 'c2', n: 1 },
      { customer: 'c3', n: 1 },
    ]);
  });

  it('fails the run with the engine error when SQL is wrong', async () => {
    expect(await failure(`await orders.filter('no_such_column > 1');`)).toMatch(/InvalidInputException.*no_such_column/s);
  });
});
