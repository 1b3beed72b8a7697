// `sluice export terraform` and `sluice deploy --target aws`: the project's pipeline on AWS Glue
// (src/deploy/). Both print, per job, what does not carry over and why a job is not exported.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { invalidInput } from '../kernel/errors.js';
import { loadProject } from '../config/project.js';
import { buildBundle, environmentOf } from '../deploy/bundle.js';
import type { Bundle } from '../deploy/kinds.js';
import { toTerraform } from '../deploy/terraform/to-terraform.js';
import { variableValues, withValues } from '../deploy/vars.js';
import { withSluice } from './pipeline-command.js';

/** What the plan says beyond resources: jobs left out (with the reason), steps with no Glue node. */
export function formatReport(bundle: Bundle): string {
  const lines: string[] = [];
  for (const j of bundle.jobs) {
    if (j.notExported) lines.push(`  ! job ${j.job} is not exported: ${j.notExported}`);
    for (const n of j.notes) lines.push(`  ~ job ${j.job}: ${n}`);
  }
  for (const w of bundle.warnings) lines.push(`  ! ${w}`);
  return lines.length ? `${lines.join('\n')}\n\n` : '';
}

export function registerDeployCommands(program: Command): void {
  program
    .command('export')
    .description('Export the pipeline for AWS: `sluice export terraform --env ENV --out DIR`')
    .argument('<format>', 'terraform')
    .requiredOption('--env <name>', 'the environment of sluice.yaml (environments:) to export for')
    .requiredOption('--out <dir>', 'the folder to write the *.tf.json files to')
    .option('--provider-version <constraint>', 'the hashicorp/aws version constraint', '>= 5.0')
    .action((format: string, flags: { env: string; out: string; providerVersion: string }) =>
      withSluice(async (sluice) => {
        if (format !== 'terraform') throw invalidInput(`sluice export knows terraform, not ${format}`);
        const env = environmentOf(loadProject(sluice.services.root).config, flags.env);
        const bundle = await buildBundle(sluice, flags.env);
        const out = resolve(flags.out);
        mkdirSync(out, { recursive: true });
        const files = toTerraform(bundle, flags.env, env, flags.providerVersion);
        for (const [name, text] of Object.entries(files)) writeFileSync(join(out, name), text);
        process.stdout.write(formatReport(bundle));
        process.stdout.write(
          `Wrote ${Object.keys(files).length} files to ${out}: ${bundle.resources.length} Glue resources, ${bundle.files.length} scripts and rule files.\n` +
            `Then: terraform -chdir=${flags.out} init && terraform -chdir=${flags.out} plan -var-file=${flags.env}.tfvars.json\n`,
        );
      }),
    );
  program
    .command('deploy')
    .description('Deploy the pipeline to AWS Glue through the AWS SDK: prints the plan; --apply makes it so')
    .requiredOption('--target <target>', 'aws')
    .requiredOption('--env <name>', 'the environment of sluice.yaml (environments:) to deploy to')
    .option('--endpoint-url <url>', 'a Glue (and S3) endpoint other than AWS’s, e.g. moto or sluice server')
    .option('--s3-endpoint-url <url>', 'the S3 endpoint, when it is not --endpoint-url')
    .option('--apply', 'make the changes (without it, only the plan is printed)')
    .action((flags: { target: string; env: string; endpointUrl?: string; s3EndpointUrl?: string; apply?: boolean }) =>
      withSluice(async (sluice) => {
        if (flags.target !== 'aws') throw invalidInput(`sluice deploy knows --target aws, not ${flags.target}`);
        const { config } = loadProject(sluice.services.root);
        const env = environmentOf(config, flags.env);
        const values = variableValues(env);
        const bundle = withValues(await buildBundle(sluice, flags.env), values);
        const { GlueClient } = await import('@aws-sdk/client-glue');
        const { S3Client } = await import('@aws-sdk/client-s3');
        const { planDeploy, applyDeploy, formatDeployPlan } = await import('../deploy/aws/deploy.js');
        const s3Url = flags.s3EndpointUrl ?? flags.endpointUrl;
        const target = {
          glue: new GlueClient({ region: env.region, ...(flags.endpointUrl ? { endpoint: flags.endpointUrl } : {}) }),
          s3: new S3Client({ region: env.region, ...(s3Url ? { endpoint: s3Url, forcePathStyle: true } : {}) }),
          bucket: env.buckets.scripts,
          stateKey: `sluice/state/${config.name}/${flags.env}.json`,
        };
        process.stdout.write(formatReport(bundle));
        const changes = await planDeploy(bundle, target);
        process.stdout.write(formatDeployPlan(changes));
        if (!flags.apply || changes.every((c) => c.action === 'unchanged')) return;
        process.stdout.write('\n');
        await applyDeploy(changes, bundle, target, (line) => process.stdout.write(`${line}\n`));
        process.stdout.write('\nDeploy complete.\n');
      }),
    );
}
