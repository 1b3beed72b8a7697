// User-defined functions: Create/Get/Update/DeleteUserDefinedFunction and GetUserDefinedFunctions.
// A function lives in a database and is found by name case-insensitively (Hive keeps function names
// lower case); GetUserDefinedFunctions' Pattern is the same Hive-style pattern as GetTables' Expression,
// across every database when DatabaseName is left out. Sluice keeps the definition (class, owner,
// resource URIs) for the engines that load it; it does not run Java classes itself.
import type { Kysely } from 'kysely';
import { glueOperation } from '../kernel/registry.js';
import { alreadyExists, invalidInput, notFound } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import { pageByOffset } from '../kernel/pagination.js';
import type { UserDefinedFunction, UserDefinedFunctionInput } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';
import { catalogIdOf, namePattern, norm, requireDatabase } from './common.js';

const functionNotFound = (name: string) => notFound(`Function ${name} not found.`);

function functionDoc(input: UserDefinedFunctionInput, database: string, catalogId: string, createTime: Date): UserDefinedFunction {
  if (!input.FunctionName) throw invalidInput('FunctionInput.FunctionName is required.');
  if (!input.ClassName)
    throw invalidInput(`FunctionInput.ClassName is required: the class that implements function ${input.FunctionName}.`);
  return {
    FunctionName: norm(input.FunctionName),
    DatabaseName: database,
    ClassName: input.ClassName,
    OwnerName: input.OwnerName,
    OwnerType: input.OwnerType,
    FunctionType: input.FunctionType,
    CreateTime: createTime,
    ResourceUris: input.ResourceUris ?? [],
    CatalogId: catalogId,
  };
}

async function findFunction(db: Kysely<DB>, catalogId: string, database: string, name: string): Promise<UserDefinedFunction | undefined> {
  const row = await db
    .selectFrom('catalog_functions')
    .select('doc')
    .where('catalog_id', '=', catalogId)
    .where('database_name', '=', database)
    .where('name', '=', norm(name))
    .executeTakeFirst();
  return row ? reviveDates<UserDefinedFunction>('UserDefinedFunction', JSON.parse(row.doc)) : undefined;
}

const rowOf = (catalogId: string, f: UserDefinedFunction) => ({
  catalog_id: catalogId,
  database_name: f.DatabaseName!,
  name: f.FunctionName!,
  doc: JSON.stringify(f),
  create_time: f.CreateTime!.getTime(),
});

export const functionOperations = [
  glueOperation('CreateUserDefinedFunction', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await ctx.services.store.transaction(async (trx) => {
      const db = await requireDatabase(trx, catalogId, input.DatabaseName);
      const doc = functionDoc(input.FunctionInput, db.Name, catalogId, new Date());
      if (await findFunction(trx, catalogId, db.Name, doc.FunctionName!)) throw alreadyExists('Function already exists.');
      await trx.insertInto('catalog_functions').values(rowOf(catalogId, doc)).execute();
    });
    return {};
  }),

  glueOperation('GetUserDefinedFunction', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const { db } = ctx.services.store;
    const database = await requireDatabase(db, catalogId, input.DatabaseName);
    const found = await findFunction(db, catalogId, database.Name, input.FunctionName);
    if (!found) throw functionNotFound(input.FunctionName);
    return { UserDefinedFunction: found };
  }),

  glueOperation('GetUserDefinedFunctions', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    const { db } = ctx.services.store;
    let q = db.selectFrom('catalog_functions').select('doc').where('catalog_id', '=', catalogId);
    if (input.DatabaseName) q = q.where('database_name', '=', (await requireDatabase(db, catalogId, input.DatabaseName)).Name);
    const matches = namePattern(input.Pattern);
    const all = (await q.orderBy('database_name').orderBy('name').execute())
      .map((r) => reviveDates<UserDefinedFunction>('UserDefinedFunction', JSON.parse(r.doc)))
      .filter((f) => matches(f.FunctionName!) && (!input.FunctionType || f.FunctionType === input.FunctionType));
    const page = pageByOffset(all, input.NextToken, input.MaxResults);
    return { UserDefinedFunctions: page.items, NextToken: page.nextToken };
  }),

  glueOperation('UpdateUserDefinedFunction', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await ctx.services.store.transaction(async (trx) => {
      const db = await requireDatabase(trx, catalogId, input.DatabaseName);
      const current = await findFunction(trx, catalogId, db.Name, input.FunctionName);
      if (!current) throw functionNotFound(input.FunctionName);
      const doc = functionDoc(
        { ...input.FunctionInput, FunctionName: input.FunctionInput.FunctionName ?? current.FunctionName },
        db.Name,
        catalogId,
        current.CreateTime!,
      );
      // A new FunctionName renames the function, as Hive's ALTER FUNCTION does.
      if (doc.FunctionName !== current.FunctionName && (await findFunction(trx, catalogId, db.Name, doc.FunctionName!))) {
        throw alreadyExists('Function already exists.');
      }
      await trx
        .updateTable('catalog_functions')
        .set(rowOf(catalogId, doc))
        .where('catalog_id', '=', catalogId)
        .where('database_name', '=', db.Name)
        .where('name', '=', current.FunctionName!)
        .execute();
    });
    return {};
  }),

  glueOperation('DeleteUserDefinedFunction', async (input, ctx) => {
    const catalogId = catalogIdOf(input, ctx);
    await ctx.services.store.transaction(async (trx) => {
      const db = await requireDatabase(trx, catalogId, input.DatabaseName);
      const r = await trx
        .deleteFrom('catalog_functions')
        .where('catalog_id', '=', catalogId)
        .where('database_name', '=', db.Name)
        .where('name', '=', norm(input.FunctionName))
        .executeTakeFirst();
      if (!Number(r.numDeletedRows)) throw functionNotFound(input.FunctionName);
    });
    return {};
  }),
];
