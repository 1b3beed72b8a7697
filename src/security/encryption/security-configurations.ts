// Glue security configurations: CreateSecurityConfiguration, GetSecurityConfiguration(s) and
// DeleteSecurityConfiguration. A configuration is kept as given (Get returns exactly what Create
// received, as Glue does) and acted on where jobs, crawlers and quality runs name it (effect.ts).
// KMS keys are not looked up at creation (Glue does not either): a key that does not exist fails the
// run that uses it, naming the key.
import type { Kysely } from 'kysely';
import { glueOperation } from '../../kernel/registry.js';
import { SluiceError, alreadyExists, invalidInput, notFound } from '../../kernel/errors.js';
import { pageByOffset } from '../../kernel/pagination.js';
import type { EncryptionConfiguration, SecurityConfiguration } from '../../kernel/glue-types.js';
import type { DB } from '../../store/schema.js';

/** Glue's quota of security configurations per account and region. */
const MAX_CONFIGURATIONS = 250;

export async function findSecurityConfiguration(
  db: Kysely<DB>,
  accountId: string,
  name: string,
): Promise<SecurityConfiguration | undefined> {
  const row = await db
    .selectFrom('security_configurations')
    .select(['name', 'doc', 'created_on'])
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row && toConfiguration(row);
}

const toConfiguration = (row: { name: string; doc: string; created_on: number }): SecurityConfiguration => ({
  Name: row.name,
  CreatedTimeStamp: new Date(Number(row.created_on)),
  EncryptionConfiguration: JSON.parse(row.doc) as EncryptionConfiguration,
});

const notFoundError = (name: string) => notFound(`SecurityConfiguration ${name} not found`);

/** A mode that encrypts with KMS needs its key; an empty KmsKeyArn counts as none (the model allows ''). */
function validate(config: EncryptionConfiguration): void {
  const needKey = (what: string, mode: string | undefined, key: string | undefined) => {
    if ((mode === 'SSE-KMS' || mode === 'CSE-KMS') && !key)
      throw invalidInput(`${what}: a KmsKeyArn is required when the encryption mode is ${mode}.`);
  };
  const s3 = config.S3Encryption ?? [];
  if (s3.length > 1) throw invalidInput('S3Encryption: only one S3 encryption setting is supported.');
  for (const e of s3) needKey('S3Encryption', e.S3EncryptionMode, e.KmsKeyArn);
  needKey('CloudWatchEncryption', config.CloudWatchEncryption?.CloudWatchEncryptionMode, config.CloudWatchEncryption?.KmsKeyArn);
  needKey('JobBookmarksEncryption', config.JobBookmarksEncryption?.JobBookmarksEncryptionMode, config.JobBookmarksEncryption?.KmsKeyArn);
  needKey('DataQualityEncryption', config.DataQualityEncryption?.DataQualityEncryptionMode, config.DataQualityEncryption?.KmsKeyArn);
}

export const securityConfigurationOperations = [
  glueOperation('CreateSecurityConfiguration', async (input, ctx) => {
    const { db } = ctx.services.store;
    validate(input.EncryptionConfiguration);
    const created = Date.now();
    await db.transaction().execute(async (tx) => {
      if (await findSecurityConfiguration(tx, ctx.accountId, input.Name))
        throw alreadyExists(`Security configuration ${input.Name} already exists.`);
      const { n } = await tx
        .selectFrom('security_configurations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('account_id', '=', ctx.accountId)
        .executeTakeFirstOrThrow();
      if (Number(n) >= MAX_CONFIGURATIONS)
        throw new SluiceError(
          'ResourceNumberLimitExceededException',
          `An account can have at most ${MAX_CONFIGURATIONS} security configurations.`,
        );
      await tx
        .insertInto('security_configurations')
        .values({ account_id: ctx.accountId, name: input.Name, doc: JSON.stringify(input.EncryptionConfiguration), created_on: created })
        .execute();
    });
    return { Name: input.Name, CreatedTimestamp: new Date(created) };
  }),

  glueOperation('GetSecurityConfiguration', async (input, ctx) => {
    const found = await findSecurityConfiguration(ctx.services.store.db, ctx.accountId, input.Name);
    if (!found) throw notFoundError(input.Name);
    return { SecurityConfiguration: found };
  }),

  glueOperation('GetSecurityConfigurations', async (input, ctx) => {
    const rows = await ctx.services.store.db
      .selectFrom('security_configurations')
      .select(['name', 'doc', 'created_on'])
      .where('account_id', '=', ctx.accountId)
      .orderBy('name')
      .execute();
    const page = pageByOffset(rows.map(toConfiguration), input.NextToken, input.MaxResults);
    return { SecurityConfigurations: page.items, ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
  }),

  glueOperation('DeleteSecurityConfiguration', async (input, ctx) => {
    const r = await ctx.services.store.db
      .deleteFrom('security_configurations')
      .where('account_id', '=', ctx.accountId)
      .where('name', '=', input.Name)
      .executeTakeFirst();
    if (Number(r.numDeletedRows) === 0) throw notFoundError(input.Name);
    return {};
  }),
];
