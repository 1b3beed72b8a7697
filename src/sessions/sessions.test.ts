// Interactive sessions through the registry, on SQLite and PostgreSQL: statements are SQL over a real
// catalog table (Parquet written by DuckDB), Python is refused per statement, sessions time out.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../../test/helpers/backends.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';

const hasPg = await postgresAvailable();
const command = { Name: 'glueetl', PythonVersion: '3' };
const ROLE = 'arn:aws:iam::123456789012:role/GlueSession';

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && !hasPg)(`interactive sessions on ${backend}`, () => {
    let p: TestProject;
    const call = (op: string, input: unknown) => p.sluice.call(op, input);
    beforeAll(async () => {
      p = await openTestProject(backend);
      const location = join(p.dir, 'lake/people');
      const engine = await p.sluice.services.openEngine();
      await engine.writeParquet(`SELECT i AS id, 'p' || i AS name FROM range(5) t(i)`, { location });
      await engine.close();
      await call('CreateDatabase', { DatabaseInput: { Name: 'crm' } });
      await call('CreateTable', {
        DatabaseName: 'crm',
        TableInput: {
          Name: 'people',
          Parameters: { classification: 'parquet' },
          StorageDescriptor: {
            Location: location,
            Columns: [
              { Name: 'id', Type: 'bigint' },
              { Name: 'name', Type: 'string' },
            ],
            InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
            SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
          },
        },
      });
    });
    afterEach(() => {
      delete process.env.SLUICE_SESSION_MINUTE_MS;
    });
    afterAll(async () => {
      await p?.cleanup();
    });

    it('creates a READY session, runs SQL statements over the catalog and lists them', async () => {
      const { Session } = await call('CreateSession', { Id: 's1', Role: ROLE, Command: command, Tags: { team: 'bi' } });
      expect(Session).toMatchObject({ Id: 's1', Status: 'READY', IdleTimeout: 2880 });
      await expectGlueError(
        call('CreateSession', { Id: 's1', Role: ROLE, Command: command }),
        'AlreadyExistsException',
        'Session s1 already exists.',
      );

      const first = await call('RunStatement', { SessionId: 's1', Code: 'SELECT count(*) AS n, max(name) AS last FROM crm.people' });
      expect(first).toEqual({ Id: 0 });
      const { Statement } = await call('GetStatement', { SessionId: 's1', Id: 0 });
      expect(Statement).toMatchObject({ Id: 0, State: 'AVAILABLE', Progress: 1, Output: { Status: 'AVAILABLE', ExecutionCount: 1 } });
      expect(JSON.parse(Statement.Output.Data.TextPlain)).toEqual({ n: 5, last: 'p4' });
      expect(Statement.CompletedOn).toBeGreaterThanOrEqual(Statement.StartedOn);

      // A notebook's %%sql cell runs; Python does not, and says what to do instead.
      expect((await call('RunStatement', { SessionId: 's1', Code: '%%sql\nSELECT id FROM crm.people WHERE id > 2 ORDER BY id' })).Id).toBe(
        1,
      );
      const sql = (await call('GetStatement', { SessionId: 's1', Id: 1 })).Statement;
      expect(sql.Output.Data.TextPlain.split('\n')).toEqual(['{"id":3}', '{"id":4}']);
      await call('RunStatement', {
        SessionId: 's1',
        Code: 'df = glueContext.create_dynamic_frame.from_catalog(database="crm", table_name="people")',
      });
      const py = (await call('GetStatement', { SessionId: 's1', Id: 2 })).Statement;
      expect(py).toMatchObject({ State: 'ERROR', Output: { Status: 'ERROR', ErrorName: 'UnsupportedLanguage' } });
      expect(py.Output.ErrorValue).toMatch(/run SQL only/);
      await call('RunStatement', { SessionId: 's1', Code: 'SELECT * FROM crm.nobody' });
      const missing = (await call('GetStatement', { SessionId: 's1', Id: 3 })).Statement;
      expect(missing.Output).toMatchObject({ Status: 'ERROR', ErrorName: 'EntityNotFoundException' });
      expect(missing.Output.ErrorValue).toMatch(/crm\.nobody not found/);

      const { Statements } = await call('ListStatements', { SessionId: 's1' });
      expect(Statements.map((s: { Id: number; State: string }) => [s.Id, s.State])).toEqual([
        [0, 'AVAILABLE'],
        [1, 'AVAILABLE'],
        [2, 'ERROR'],
        [3, 'ERROR'],
      ]);
      await expectGlueError(
        call('CancelStatement', { SessionId: 's1', Id: 0 }),
        'IllegalSessionStateException',
        /already ended \(AVAILABLE\)/,
      );
      await expectGlueError(call('GetStatement', { SessionId: 's1', Id: 9 }), 'EntityNotFoundException');
      expect((await call('ListSessions', { Tags: { team: 'bi' } })).Ids).toEqual(['s1']);
      expect((await call('ListSessions', { Tags: { team: 'ops' } })).Ids).toEqual([]);
    });

    it('stops a session, refusing statements after, and deletes it with its statements', async () => {
      expect(await call('StopSession', { Id: 's1' })).toEqual({ Id: 's1' });
      const { Session } = await call('GetSession', { Id: 's1' });
      expect(Session.Status).toBe('STOPPED');
      expect(Session.CompletedOn).toBeInstanceOf(Date);
      await expectGlueError(call('RunStatement', { SessionId: 's1', Code: 'SELECT 1' }), 'IllegalSessionStateException', /is STOPPED/);
      await expectGlueError(call('StopSession', { Id: 's1' }), 'IllegalSessionStateException');
      expect(await call('DeleteSession', { Id: 's1' })).toEqual({ Id: 's1' });
      await expectGlueError(call('GetSession', { Id: 's1' }), 'EntityNotFoundException', 'Session s1 not found.');
      await expectGlueError(call('DeleteSession', { Id: 's1' }), 'EntityNotFoundException');
      expect(await p.sluice.services.store.db.selectFrom('session_statements').selectAll().execute()).toEqual([]);
    });

    it('times a session out after IdleTimeout minutes without statements', async () => {
      process.env.SLUICE_SESSION_MINUTE_MS = '50';
      await call('CreateSession', { Id: 'idle', Role: ROLE, Command: command, IdleTimeout: 2, Timeout: 60 });
      await call('RunStatement', { SessionId: 'idle', Code: 'SELECT 1 AS one' });
      await new Promise((r) => setTimeout(r, 150));
      const { Session } = await call('GetSession', { Id: 'idle' });
      expect(Session.Status).toBe('TIMEOUT');
      await expectGlueError(call('RunStatement', { SessionId: 'idle', Code: 'SELECT 1' }), 'IllegalSessionStateException', /is TIMEOUT/);
    });
  });
}
