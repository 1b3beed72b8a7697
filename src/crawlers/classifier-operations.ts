// CreateClassifier, GetClassifier, GetClassifiers, UpdateClassifier, DeleteClassifier. A classifier
// is checked when it is made or changed (its grok pattern compiles, its JsonPath is in the supported
// subset, its CSV options agree), so a crawl never discovers a broken one.
import { glueOperation } from '../kernel/registry.js';
import { alreadyExists, invalidInput, SluiceError } from '../kernel/errors.js';
import { pageByOffset } from '../kernel/pagination.js';
import { fromRow, KINDS, requireClassifier, type ClassifierKind } from './classifier-store.js';
import { compileGrok } from './grok.js';
import { parseJsonPath } from './json-path.js';
import { CUSTOM_DATATYPES } from './text-types.js';

type AnyClassifier = Record<string, any> & { Name: string };

function onlyMember(input: Record<string, unknown>, operation: string): { kind: ClassifierKind; body: AnyClassifier } {
  const given = (Object.keys(KINDS) as ClassifierKind[]).filter((k) => input[KINDS[k]] !== undefined);
  if (given.length !== 1) {
    throw invalidInput(
      `${operation} takes exactly one of GrokClassifier, XMLClassifier, JsonClassifier and CsvClassifier (${given.length} given).`,
    );
  }
  return { kind: given[0], body: input[KINDS[given[0]]] as AnyClassifier };
}

function check(kind: ClassifierKind, c: AnyClassifier): void {
  if (kind === 'grok') compileGrok(c.GrokPattern, c.CustomPatterns);
  else if (kind === 'json') parseJsonPath(c.JsonPath);
  else if (kind === 'xml') {
    if (c.RowTag !== undefined && /[<>\s]/.test(c.RowTag))
      throw invalidInput(`RowTag '${c.RowTag}' must be an element name, without angle brackets or spaces.`);
  } else {
    const delimiter = c.Delimiter ?? ',';
    if ((c.QuoteSymbol ?? '"') === delimiter) throw invalidInput('QuoteSymbol and Delimiter must differ.');
    const unknown = (c.CustomDatatypes ?? []).filter((t: string) => !CUSTOM_DATATYPES.includes(t.toUpperCase()));
    if (unknown.length) throw invalidInput(`CustomDatatypes ${unknown.join(', ')} are not supported; use ${CUSTOM_DATATYPES.join(', ')}.`);
    if (c.Header && c.Header.some((h: string) => h.trim() === '')) throw invalidInput('Header names must not be empty.');
  }
}

export const classifierOperations = [
  glueOperation('CreateClassifier', async (input, ctx) => {
    const { kind, body } = onlyMember(input as Record<string, unknown>, 'CreateClassifier');
    check(kind, body);
    const now = new Date();
    const doc = { ...body, CreationTime: now, LastUpdated: now, Version: 1 };
    const { db } = ctx.services.store;
    if (await db.selectFrom('classifiers').select('name').where('name', '=', body.Name).executeTakeFirst()) {
      throw alreadyExists(`Classifier ${body.Name} already exists.`);
    }
    await db
      .insertInto('classifiers')
      .values({ name: body.Name, kind, doc: JSON.stringify(doc), created_on: now.getTime(), updated_on: now.getTime() })
      .execute();
    return {};
  }),

  glueOperation('GetClassifier', async (input, ctx) => ({
    Classifier: (await requireClassifier(ctx.services.store.db, input.Name)).classifier,
  })),

  glueOperation('GetClassifiers', async (input, ctx) => {
    const rows = await ctx.services.store.db.selectFrom('classifiers').select(['kind', 'doc']).orderBy('name').execute();
    const page = pageByOffset(rows, input.NextToken, input.MaxResults);
    return { Classifiers: page.items.map(fromRow), NextToken: page.nextToken };
  }),

  glueOperation('UpdateClassifier', async (input, ctx) => {
    const { kind, body } = onlyMember(input as Record<string, unknown>, 'UpdateClassifier');
    const { db } = ctx.services.store;
    const row = await db.selectFrom('classifiers').select(['kind', 'doc', 'updated_on']).where('name', '=', body.Name).executeTakeFirst();
    if (!row) await requireClassifier(db, body.Name);
    const current = { kind: row!.kind as ClassifierKind, classifier: fromRow(row!) };
    if (current.kind !== kind) {
      throw invalidInput(`Classifier ${body.Name} is a ${KINDS[current.kind]}; it cannot be updated with a ${KINDS[kind]}.`);
    }
    const old = (current.classifier as Record<string, AnyClassifier>)[KINDS[kind]];
    const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    const doc = { ...old, ...changes, LastUpdated: new Date(), Version: (old.Version ?? 1) + 1 };
    check(kind, doc as AnyClassifier);
    // Compare-and-set on the last update time: a concurrent update makes this one fail, not vanish.
    const r = await db
      .updateTable('classifiers')
      .set({ doc: JSON.stringify(doc), updated_on: Math.max(Date.now(), row!.updated_on + 1) })
      .where('name', '=', body.Name)
      .where('updated_on', '=', row!.updated_on)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows))
      throw new SluiceError('VersionMismatchException', `Classifier ${body.Name} was changed by someone else; try again.`);
    return {};
  }),

  glueOperation('DeleteClassifier', async (input, ctx) => {
    const { db } = ctx.services.store;
    await requireClassifier(db, input.Name);
    await db.deleteFrom('classifiers').where('name', '=', input.Name).execute();
    return {};
  }),
];
