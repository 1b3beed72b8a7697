// Which account owns a job, crawler, trigger, workflow or data quality ruleset. Those concepts keep
// one namespace per server, so the account is recorded beside them (resource_owners, written by the
// guard when a Create succeeds through the HTTP face) and a resource without a row belongs to the
// project's account.id (made embedded, by `sluice apply`, or before accounts existed). Another
// account's resource is answered as Glue answers a name that does not exist in the caller's account.
import { SluiceError, notFound } from '../kernel/errors.js';
import type { Kysely } from 'kysely';
import type { DB as Database } from '../store/schema.js';
import type { OwnedType } from './resources.js';

const NOT_FOUND: Record<OwnedType, (n: string) => string> = {
  job: (n) => `Job with name ${n} not found`,
  crawler: (n) => `Crawler entry with name ${n} does not exist`,
  trigger: (n) => `Trigger with name ${n} not found`,
  workflow: (n) => `Workflow with name ${n} not found`,
  dataQualityRuleset: (n) => `Data Quality Ruleset ${n} not found.`,
};

export const ownedNotFound = (type: OwnedType, name: string): SluiceError => notFound(NOT_FOUND[type](name));

export class Ownership {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly defaultAccountId: string,
  ) {}

  /** The owning account of each named resource ("type\0name" → account). */
  async owners(items: readonly { type: OwnedType; name: string }[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!items.length) return out;
    const rows = await this.db
      .selectFrom('resource_owners')
      .selectAll()
      .where(
        'name',
        'in',
        items.map((i) => i.name),
      )
      .execute();
    for (const i of items) out.set(`${i.type}\0${i.name}`, this.defaultAccountId);
    for (const r of rows) if (out.has(`${r.type}\0${r.name}`)) out.set(`${r.type}\0${r.name}`, r.account_id);
    return out;
  }

  /** Throws EntityNotFoundException for the first resource another account owns. */
  async requireOwn(accountId: string, items: readonly { type: OwnedType; name: string }[]): Promise<void> {
    const owners = await this.owners(items.filter((i) => i.name !== '*'));
    for (const [key, owner] of owners) {
      if (owner !== accountId) {
        const [type, name] = key.split('\0') as [OwnedType, string];
        throw ownedNotFound(type, name);
      }
    }
  }

  async record(type: OwnedType, name: string, accountId: string): Promise<void> {
    await this.db
      .insertInto('resource_owners')
      .values({ type, name, account_id: accountId })
      .onConflict((oc) => oc.columns(['type', 'name']).doUpdateSet({ account_id: accountId }))
      .execute();
  }

  async forget(type: OwnedType, name: string): Promise<void> {
    await this.db.deleteFrom('resource_owners').where('type', '=', type).where('name', '=', name).execute();
  }

  /** Keeps the items of `list` that `accountId` owns; `nameOf` reads an item's name and type. */
  async keepOwn<T>(
    accountId: string,
    list: readonly T[],
    nameOf: (item: T) => { type: OwnedType; name: string } | undefined,
  ): Promise<T[]> {
    const keys = list.map(nameOf);
    const owners = await this.owners(keys.filter((k): k is { type: OwnedType; name: string } => !!k));
    return list.filter((_, i) => {
      const k = keys[i];
      return !k || owners.get(`${k.type}\0${k.name}`) === accountId;
    });
  }
}
