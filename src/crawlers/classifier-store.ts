// Custom classifier rows: one per name, across the four kinds (a grok and a CSV classifier cannot
// share a name, as in Glue). The document is the Glue classifier of its kind.
import type { Kysely } from 'kysely';
import { notFound } from '../kernel/errors.js';
import { reviveDates } from '../kernel/shape-codec.js';
import type { Classifier } from '../kernel/glue-types.js';
import type { DB } from '../store/schema.js';
import { customSpec, type CustomSpec } from './classify.js';
import { CrawlFailed } from './crawl-errors.js';

export const KINDS = { grok: 'GrokClassifier', xml: 'XMLClassifier', json: 'JsonClassifier', csv: 'CsvClassifier' } as const;
export type ClassifierKind = keyof typeof KINDS;

export function fromRow(row: { kind: string; doc: string }): Classifier {
  const member = KINDS[row.kind as ClassifierKind];
  return { [member]: reviveDates(member, JSON.parse(row.doc)) } as Classifier;
}

export async function findClassifier(db: Kysely<DB>, name: string): Promise<{ kind: ClassifierKind; classifier: Classifier } | undefined> {
  const row = await db.selectFrom('classifiers').select(['kind', 'doc']).where('name', '=', name).executeTakeFirst();
  return row ? { kind: row.kind as ClassifierKind, classifier: fromRow(row) } : undefined;
}

export async function requireClassifier(db: Kysely<DB>, name: string): Promise<{ kind: ClassifierKind; classifier: Classifier }> {
  const found = await findClassifier(db, name);
  if (!found) throw notFound(`Classifier ${name} does not exist`);
  return found;
}

/** The crawler's classifiers, in its order, ready to run. */
export async function loadCustomSpecs(db: Kysely<DB>, names: string[]): Promise<CustomSpec[]> {
  const specs: CustomSpec[] = [];
  for (const name of names) {
    const found = await findClassifier(db, name);
    if (!found) throw new CrawlFailed(`The crawler lists classifier ${name}, which does not exist.`);
    specs.push(customSpec(found.classifier));
  }
  return specs;
}
