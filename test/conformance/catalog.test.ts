// The Data Catalog's behaviour, run against every MetadataStore backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../helpers/backends.js';
import { expectGlueError } from '../helpers/expect-error.js';

const hasPg = await postgresAvailable();

const columns = [
  { Name: 'id', Type: 'bigint' },
  { Name: 'email', Type: 'string', Comment: 'customer e-mail' },
];
const tableInput = (Name: string, extra: Record<string, unknown> = {}) => ({
  Name,
  StorageDescriptor: { Columns: columns, Location: `/tmp/${Name}` },
  PartitionKeys: [{ Name: 'dt', Type: 'string' }],
  Parameters: { classification: 'parquet' },
  ...extra,
});

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && !hasPg)(`catalog on ${backend}`, () => {
    let p: TestProject;
    const call = (op: string, input: unknown) => p.sluice.call(op, input);
    beforeAll(async () => {
      p = await openTestProject(backend);
    });
    afterAll(async () => {
      await p?.cleanup();
    });

    it('creates, reads, lists, updates and deletes databases', async () => {
      await call('CreateDatabase', { DatabaseInput: { Name: 'Sales', Description: 'sales data' } });
      const { Database } = await call('GetDatabase', { Name: 'sales' });
      expect(Database.Name).toBe('sales');
      expect(Database.CatalogId).toBe('123456789012');
      expect(Database.CreateTime).toBeInstanceOf(Date);
      // An empty CatalogId is the caller's catalog, as the Terraform provider sends it.
      expect((await call('GetDatabase', { CatalogId: '', Name: 'sales' })).Database.Name).toBe('sales');
      await expectGlueError(
        call('CreateDatabase', { DatabaseInput: { Name: 'sales' } }),
        'AlreadyExistsException',
        'Database already exists.',
      );
      await call('UpdateDatabase', { Name: 'sales', DatabaseInput: { Name: 'sales', Description: 'changed' } });
      expect((await call('GetDatabase', { Name: 'SALES' })).Database.Description).toBe('changed');
      await expectGlueError(call('GetDatabase', { Name: 'nope' }), 'EntityNotFoundException', 'Database nope not found.');
      await expectGlueError(call('DeleteDatabase', { Name: 'nope' }), 'EntityNotFoundException');
    });

    it('pages GetDatabases with NextToken and MaxResults', async () => {
      for (const n of ['p1', 'p2', 'p3', 'p4', 'p5']) await call('CreateDatabase', { DatabaseInput: { Name: n } });
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const r = await call('GetDatabases', { MaxResults: 2, NextToken: token });
        seen.push(...r.DatabaseList.map((d: { Name: string }) => d.Name));
        token = r.NextToken;
        pages++;
      } while (token);
      expect(seen).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'sales']);
      expect(pages).toBe(3);
      await expectGlueError(call('GetDatabases', { NextToken: 'garbage!' }), 'InvalidInputException', /pagination token/);
    });

    it('validates input against the Glue model', async () => {
      await expectGlueError(
        call('GetDatabase', {}),
        'ValidationException',
        "Value null at 'name' failed to satisfy constraint: Member must not be null",
      );
      await expectGlueError(call('GetDatabase', { Name: 'x'.repeat(256) }), 'ValidationException', /length less than or equal to 255/);
      await expectGlueError(
        call('CreateDatabase', { DatabaseInput: { Name: 'two\nlines' } }),
        'ValidationException',
        /at 'databaseInput.name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      );
      await expectGlueError(call('GetDatabase', { Name: 'nul\u0000' }), 'ValidationException', /regular expression pattern/);
      await expectGlueError(call('GetDatabases', { MaxResults: 0 }), 'ValidationException', /greater than or equal to 1/);
      await expectGlueError(call('GetDatabase', { Name: 'a', Bogus: 1 }), 'ValidationException', /Unknown parameter 'Bogus'/);
      await expectGlueError(call('NoSuchOperation', {}), 'UnknownOperationException', /NoSuchOperation/);
    });

    it('creates and reads tables, with Glue fields filled in', async () => {
      await call('CreateTable', { DatabaseName: 'sales', TableInput: tableInput('Orders') });
      const { Table } = await call('GetTable', { DatabaseName: 'sales', Name: 'orders' });
      expect(Table).toMatchObject({
        Name: 'orders',
        DatabaseName: 'sales',
        VersionId: '0',
        Retention: 0,
        IsRegisteredWithLakeFormation: false,
      });
      expect(Table.StorageDescriptor.Columns).toEqual(columns);
      expect(Table.CreateTime).toBeInstanceOf(Date);
      await expectGlueError(
        call('CreateTable', { DatabaseName: 'sales', TableInput: tableInput('orders') }),
        'AlreadyExistsException',
        'Table already exists.',
      );
      await expectGlueError(
        call('CreateTable', { DatabaseName: 'nodb', TableInput: tableInput('x') }),
        'EntityNotFoundException',
        'Database nodb not found.',
      );
      await expectGlueError(call('GetTable', { DatabaseName: 'sales', Name: 'nope' }), 'EntityNotFoundException', 'Table nope not found.');
      await expectGlueError(
        call('GetTable', { DatabaseName: 'nodb', Name: 'orders' }),
        'EntityNotFoundException',
        'Database nodb not found.',
      );
    });

    it('filters GetTables by a name expression and pages it', async () => {
      for (const n of ['orders_2024', 'orders_2025', 'customers'])
        await call('CreateTable', { DatabaseName: 'sales', TableInput: tableInput(n) });
      const names = async (Expression?: string) =>
        (await call('GetTables', { DatabaseName: 'sales', Expression })).TableList.map((t: { Name: string }) => t.Name);
      expect(await names()).toEqual(['customers', 'orders', 'orders_2024', 'orders_2025']);
      expect(await names('orders_*')).toEqual(['orders_2024', 'orders_2025']);
      expect(await names('ORDERS|customers')).toEqual(['customers', 'orders']);
      expect(await names('orders_20.4')).toEqual(['orders_2024']);
      const first = await call('GetTables', { DatabaseName: 'sales', MaxResults: 3 });
      expect(first.TableList).toHaveLength(3);
      const second = await call('GetTables', { DatabaseName: 'sales', MaxResults: 3, NextToken: first.NextToken });
      expect(second.TableList.map((t: { Name: string }) => t.Name)).toEqual(['orders_2025']);
      expect(second.NextToken).toBeUndefined();
    });

    it('keeps a version for every UpdateTable, honours SkipArchive and VersionId', async () => {
      await call('UpdateTable', { DatabaseName: 'sales', TableInput: tableInput('orders', { Description: 'v1' }) });
      await call('UpdateTable', { DatabaseName: 'sales', TableInput: tableInput('orders', { Description: 'v2' }) });
      let { Table } = await call('GetTable', { DatabaseName: 'sales', Name: 'orders' });
      expect(Table.VersionId).toBe('2');
      expect(Table.Description).toBe('v2');
      const versions = await call('GetTableVersions', { DatabaseName: 'sales', TableName: 'orders' });
      expect(versions.TableVersions.map((v: { VersionId: string }) => v.VersionId)).toEqual(['2', '1', '0']);
      const v1 = await call('GetTableVersion', { DatabaseName: 'sales', TableName: 'orders', VersionId: '1' });
      expect(v1.TableVersion.Table.Description).toBe('v1');

      await call('UpdateTable', { DatabaseName: 'sales', TableInput: tableInput('orders', { Description: 'v3' }), SkipArchive: true });
      const after = await call('GetTableVersions', { DatabaseName: 'sales', TableName: 'orders' });
      expect(after.TableVersions.map((v: { VersionId: string }) => v.VersionId)).toEqual(['3', '1', '0']);

      await expectGlueError(
        call('UpdateTable', { DatabaseName: 'sales', TableInput: tableInput('orders'), VersionId: '1' }),
        'ConcurrentModificationException',
      );
      ({ Table } = await call('GetTable', { DatabaseName: 'sales', Name: 'orders' }));
      expect(Table.CreateTime.getTime()).toBeLessThanOrEqual(Table.UpdateTime.getTime());

      await call('DeleteTableVersion', { DatabaseName: 'sales', TableName: 'orders', VersionId: '0' });
      await expectGlueError(
        call('GetTableVersion', { DatabaseName: 'sales', TableName: 'orders', VersionId: '0' }),
        'EntityNotFoundException',
      );
      await expectGlueError(
        call('DeleteTableVersion', { DatabaseName: 'sales', TableName: 'orders', VersionId: '3' }),
        'InvalidInputException',
        /current version/,
      );
      const batch = await call('BatchDeleteTableVersion', { DatabaseName: 'sales', TableName: 'orders', VersionIds: ['1', '9'] });
      expect(batch.Errors).toHaveLength(1);
      expect(batch.Errors[0]).toMatchObject({ VersionId: '9', ErrorDetail: { ErrorCode: 'EntityNotFoundException' } });
    });

    it('searches tables by text, filters and sort order', async () => {
      await call('CreateDatabase', { DatabaseInput: { Name: 'hr' } });
      await call('CreateTable', { DatabaseName: 'hr', TableInput: tableInput('staff', { Parameters: { classification: 'csv' } }) });
      const names = (r: { TableList: { DatabaseName: string; Name: string }[] }) => r.TableList.map((t) => `${t.DatabaseName}.${t.Name}`);
      expect(names(await call('SearchTables', { SearchText: 'staff' }))).toEqual(['hr.staff']);
      expect(
        names(await call('SearchTables', { Filters: [{ Key: 'Parameters.classification', Value: 'csv', Comparator: 'EQUALS' }] })),
      ).toEqual(['hr.staff']);
      expect(names(await call('SearchTables', { SearchText: 'e-mail', Filters: [{ Key: 'DatabaseName', Value: 'hr' }] }))).toEqual([
        'hr.staff',
      ]);
      const sorted = names(await call('SearchTables', { SortCriteria: [{ FieldName: 'Name', Sort: 'DESC' }], MaxResults: 2 }));
      expect(sorted).toEqual(['hr.staff', 'sales.orders_2025']);
    });

    it('deletes tables one by one and in batches', async () => {
      await call('DeleteTable', { DatabaseName: 'sales', Name: 'orders_2024' });
      await expectGlueError(
        call('DeleteTable', { DatabaseName: 'sales', Name: 'orders_2024' }),
        'EntityNotFoundException',
        'Table orders_2024 not found.',
      );
      const r = await call('BatchDeleteTable', { DatabaseName: 'sales', TablesToDelete: ['orders_2025', 'ghost'] });
      expect(r.Errors).toEqual([
        { TableName: 'ghost', ErrorDetail: { ErrorCode: 'EntityNotFoundException', ErrorMessage: 'Table ghost not found.' } },
      ]);
      await expectGlueError(call('GetTable', { DatabaseName: 'sales', Name: 'orders_2025' }), 'EntityNotFoundException');
    });

    it('deleting a database deletes its tables and their versions', async () => {
      await call('DeleteDatabase', { Name: 'hr' });
      await call('CreateDatabase', { DatabaseInput: { Name: 'hr' } });
      expect((await call('GetTables', { DatabaseName: 'hr' })).TableList).toEqual([]);
      await call('CreateTable', { DatabaseName: 'hr', TableInput: tableInput('staff') });
      expect((await call('GetTableVersions', { DatabaseName: 'hr', TableName: 'staff' })).TableVersions).toHaveLength(1);
    });

    it('keeps connections and never returns their passwords', async () => {
      const ConnectionInput = {
        Name: 'warehouse',
        ConnectionType: 'JDBC',
        ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:postgresql://localhost/db', USERNAME: 'etl', PASSWORD: 's3cret' },
      };
      expect(await call('CreateConnection', { ConnectionInput })).toEqual({ CreateConnectionStatus: 'READY' });
      await expectGlueError(call('CreateConnection', { ConnectionInput }), 'AlreadyExistsException');
      const { Connection } = await call('GetConnection', { Name: 'warehouse', HidePassword: false });
      expect(Connection.ConnectionProperties).toEqual({ JDBC_CONNECTION_URL: 'jdbc:postgresql://localhost/db', USERNAME: 'etl' });
      expect(JSON.stringify(await call('GetConnections', {}))).not.toContain('s3cret');
      await call('UpdateConnection', {
        Name: 'warehouse',
        ConnectionInput: {
          ...ConnectionInput,
          Description: 'dw',
          ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:x', USERNAME: 'etl2' },
        },
      });
      const row = await p.sluice.services.store.db
        .selectFrom('catalog_connections')
        .select('doc')
        .where('name', '=', 'warehouse')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(row.doc).ConnectionProperties.PASSWORD).toBe('s3cret');
      expect((await call('GetConnections', { Filter: { ConnectionType: 'KAFKA' } })).ConnectionList).toEqual([]);
      await call('DeleteConnection', { ConnectionName: 'warehouse' });
      await expectGlueError(call('GetConnection', { Name: 'warehouse' }), 'EntityNotFoundException');
      // SECRET_ID names the secret where the password is kept: it is returned.
      const byRef = { Name: 'byref', ConnectionType: 'JDBC', ConnectionProperties: { JDBC_CONNECTION_URL: 'jdbc:x', SECRET_ID: 'dw/etl' } };
      await call('CreateConnection', { ConnectionInput: byRef });
      expect((await call('GetConnection', { Name: 'byref' })).Connection.ConnectionProperties).toEqual(byRef.ConnectionProperties);
      await call('DeleteConnection', { ConnectionName: 'byref' });
    });
  });
}
