// Column masking in the table view (embedded: the check is given directly, as the HTTP face and a
// job's role give it): PII-tagged columns read as typed NULLs, a WHERE on them finds nothing, and
// user SQL cannot read the table's files around the masked view.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import { queryCatalog } from './query.js';
import { maskedColumns, piiColumns, type PiiReadCheck } from './column-masking.js';

let p: TestProject;
let file: string;
const allowAll: PiiReadCheck = () => true;
const denyAll: PiiReadCheck = () => false;
const emailOnly: PiiReadCheck = (_d, _t, c) => c.kind === 'EMAIL';

beforeAll(async () => {
  p = await openTestProject('sqlite');
  const dir = join(p.dir, 'lake/raw/people');
  mkdirSync(dir, { recursive: true });
  file = join(dir, 'people.csv');
  writeFileSync(file, 'id,email,phone,age\n1,ann@example.com,+44 20 7946 0958,34\n2,bob@example.com,+1 202 555 0143,41\n');
  await p.sluice.call('CreateDatabase', { DatabaseInput: { Name: 'hr' } });
  await p.sluice.call('CreateTable', {
    DatabaseName: 'hr',
    TableInput: {
      Name: 'people',
      Parameters: { classification: 'csv', 'skip.header.line.count': '1' },
      StorageDescriptor: {
        Location: dir,
        Columns: [
          { Name: 'id', Type: 'bigint' },
          { Name: 'email', Type: 'string', Parameters: { 'sluice.pii': 'EMAIL', 'sluice.pii.share': '1.00' } },
          { Name: 'phone', Type: 'string', Parameters: { 'sluice.pii': 'PHONE_NUMBER' } },
          { Name: 'age', Type: 'int', Parameters: { 'sluice.pii': 'false' } },
        ],
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe', Parameters: { 'field.delim': ',' } },
      },
    },
  });
});
afterAll(() => p?.cleanup());

const q = (sql: string, mayReadPii?: PiiReadCheck) => queryCatalog(p.sluice.services, sql, { mayReadPii });

describe('column masking', () => {
  it('finds the tagged columns (a value of false is no tag)', async () => {
    const { Table } = (await p.sluice.call('GetTable', { DatabaseName: 'hr', Name: 'people' })) as any;
    expect(piiColumns(Table).map((c) => [c.name, c.kind, c.type])).toEqual([
      ['email', 'EMAIL', 'VARCHAR'],
      ['phone', 'PHONE_NUMBER', 'VARCHAR'],
    ]);
    expect(await maskedColumns(Table, undefined)).toEqual([]);
    expect((await maskedColumns(Table, emailOnly)).map((c) => c.name)).toEqual(['phone']);
  });

  it('reads every column for a caller allowed to, and without a check (embedded, dev mode)', async () => {
    for (const check of [allowAll, undefined]) {
      const r = await q('SELECT id, email, phone FROM hr.people ORDER BY id', check);
      expect(r.rows[0]).toEqual({ id: 1, email: 'ann@example.com', phone: '+44 20 7946 0958' });
    }
  });

  it('reads tagged columns as typed NULLs for a caller who may not, keeping the others', async () => {
    const r = await q('SELECT * FROM hr.people ORDER BY id', denyAll);
    expect(r.columns.map((c) => `${c.name} ${c.type}`)).toEqual(['id BIGINT', 'email VARCHAR', 'phone VARCHAR', 'age INTEGER']);
    expect(r.rows).toEqual([
      { id: 1, email: null, phone: null, age: 34 },
      { id: 2, email: null, phone: null, age: 41 },
    ]);
    const some = await q('SELECT email, phone FROM hr.people ORDER BY id', emailOnly);
    expect(some.rows[0]).toEqual({ email: 'ann@example.com', phone: null });
  });

  it('gives a predicate on a masked column nothing to match', async () => {
    const r = await q(`SELECT count(*) AS n FROM hr.people WHERE email = 'ann@example.com' OR email LIKE '%@%'`, denyAll);
    expect(r.rows).toEqual([{ n: 0 }]);
  });

  it('does not let the SQL read the files around the masked view', async () => {
    await expectGlueError(q(`SELECT * FROM read_csv('${file}')`, denyAll), 'AccessDeniedException');
    await expectGlueError(q(`SELECT * FROM hr.people, read_csv('${file}') f`, denyAll), 'AccessDeniedException');
    // Unmasked, the view reads the file in place, so the sandbox admits it (as before masking).
    expect((await q(`SELECT count(*) AS n FROM hr.people, read_csv('${file}') f`, allowAll)).rows).toEqual([{ n: 4 }]);
  });
});
