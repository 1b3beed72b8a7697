// Whether the AWS CLI is here for a suite that drives it: required in CI (.ci/run installs it),
// skipped with a warning on a machine without it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export async function awsCliFor(suite: string): Promise<boolean> {
  const present = await promisify(execFile)('aws', ['--version']).then(
    () => true,
    () => false,
  );
  if (present) return true;
  if (process.env.CI) throw new Error('The AWS CLI is required in CI: install it with apt-get install -y awscli (see .ci/run).');
  console.warn(`The AWS CLI (aws) is not installed; skipping ${suite}. Install it with apt-get install -y awscli.`);
  return false;
}
