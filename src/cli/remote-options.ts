// The AWS CLI's global options that `sluice glue` understands: --endpoint-url sends the call to a
// running Sluice server instead of opening the project; --region and --no-sign-request as in `aws`.
// Credentials come from the environment, as the AWS CLI's first credential source.
import { invalidInput } from '../kernel/errors.js';
import type { RemoteOptions } from '../api/http/client.js';

export interface SplitArgs {
  remote?: RemoteOptions;
  /** The operation's own parameters. */
  params: string[];
}

export function splitRemoteOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): SplitArgs {
  const params: string[] = [];
  let endpoint: string | undefined;
  let region: string | undefined;
  let unsigned = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw invalidInput(`${flag} requires a value`);
      return v;
    };
    if (flag === '--endpoint-url') endpoint = value();
    else if (flag === '--region') region = value();
    else if (flag === '--no-sign-request') unsigned = true;
    else params.push(arg);
  }
  if (!endpoint) return { params };
  if (!/^https?:\/\//.test(endpoint))
    throw invalidInput(
      `Bad value for --endpoint-url "${endpoint}": scheme is missing. Must be of the form http://<hostname>/ or https://<hostname>/`,
    );
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  const credentials =
    !unsigned && accessKeyId && secretAccessKey
      ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined }
      : undefined;
  return { params, remote: { endpoint, region: region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1', credentials } };
}
