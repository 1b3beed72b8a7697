// The AWS SDK for JavaScript's Glue client, pointed at a test server. Retries are off by default so
// a rejected request surfaces at once instead of being retried.
import * as glue from '@aws-sdk/client-glue';
import type { TestKey } from './server.js';

export function glueClient(
  url: string,
  key: TestKey,
  o: { region?: string; maxAttempts?: number; systemClockOffset?: number } = {},
): glue.GlueClient {
  const client = new glue.GlueClient({
    endpoint: url,
    region: o.region ?? 'us-east-1',
    credentials: { accessKeyId: key.id, secretAccessKey: key.secret },
    maxAttempts: o.maxAttempts ?? 1,
    // The SDK signs with its clock plus this offset: how the tests make a signature expired.
    systemClockOffset: o.systemClockOffset,
  });
  return client;
}

/** Sends any Glue operation by name, through the SDK's own command class for it. */
export async function sendByName(client: glue.GlueClient, operation: string, input: unknown): Promise<any> {
  const Command = (glue as Record<string, unknown>)[`${operation}Command`] as (new (input: unknown) => glue.GetTableCommand) | undefined;
  if (!Command) throw new Error(`@aws-sdk/client-glue has no ${operation}Command`);
  return client.send(new Command(input));
}
