// A job's bookmark states, sealed under its security configuration's JobBookmarksEncryption key
// (CSE-KMS) when it has one; states sealed earlier are opened whatever the configuration says now.
import type { Services } from '../../kernel/services.js';
import type { Job } from '../../kernel/glue-types.js';
import type { StateCodec } from './bookmark-repo.js';

export function bookmarkCodec(services: Services, jobName: string, key?: string): StateCodec {
  return services.security.textCodec(`the bookmark of job ${jobName}`, key);
}

/** The codec for the job's current security configuration. */
export async function jobBookmarkCodec(services: Services, job: Job): Promise<StateCodec> {
  const enc = await services.security.runEncryption(
    services.store.db,
    services.config.account.id,
    job.SecurityConfiguration,
    `Job ${job.Name}`,
  );
  return bookmarkCodec(services, job.Name!, enc?.bookmarks);
}
