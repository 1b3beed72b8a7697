// `sluice dq evaluate --table db.t --rules FILE [--json]` and `sluice dq recommend --table db.t`:
// data quality by hand, in this process (src/quality). Evaluate exits 1 when a rule does not pass.
// An ad-hoc evaluation is kept in the table's history (which dynamic rules, the dashboard and the
// quality alarm read) only with --record: trying a ruleset out should not raise an alarm.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openSluice } from '../config/compose.js';
import { invalidInput } from '../kernel/errors.js';
import { evaluateTable, recommendForSource } from '../quality/index.js';
import { formatReport } from '../quality/report.js';
import { reportError } from './output.js';

const tableSource = (name: string) => {
  const m = /^([^.]+)\.(.+)$/.exec(name);
  if (!m) throw invalidInput(`--table takes database.table, not '${name}'`);
  return { GlueTable: { DatabaseName: m[1], TableName: m[2] } };
};

interface EvaluateFlags {
  table: string;
  rules?: string;
  ruleset?: string;
  ref?: string[];
  json?: boolean;
  rowLevel?: string;
  record?: boolean;
  composite?: string;
}

async function evaluate(flags: EvaluateFlags): Promise<number> {
  if (!flags.rules === !flags.ruleset) throw invalidInput('Give the rules with --rules FILE or --ruleset NAME (one of them)');
  const sluice = await openSluice();
  try {
    const text = flags.rules
      ? readFileSync(flags.rules, 'utf8')
      : (await sluice.call('GetDataQualityRuleset', { Name: flags.ruleset })).Ruleset;
    const additional = Object.fromEntries(
      (flags.ref ?? []).map((r) => {
        const [alias, table] = r.split('=');
        if (!alias || !table) throw invalidInput(`--ref takes alias=database.table, not '${r}'`);
        return [alias, tableSource(table)];
      }),
    );
    const composite = flags.composite?.toUpperCase();
    if (composite && composite !== 'ROW' && composite !== 'COLUMN') throw invalidInput('--composite takes ROW or COLUMN');
    const [out] = await evaluateTable(sluice.services, {
      dataSource: tableSource(flags.table),
      additional,
      rulesets: [{ name: flags.ruleset ?? flags.rules, text }],
      accountId: sluice.services.config.account.id,
      rowLevelPrefix: flags.rowLevel,
      record: flags.record === true,
      compositeMethod: composite as 'ROW' | 'COLUMN' | undefined,
    });
    if (flags.json) process.stdout.write(`${JSON.stringify({ ...out.result, RowLevelFiles: out.rowLevelFiles }, null, 2)}\n`);
    else process.stdout.write(formatReport(`Data quality of ${flags.table} (${flags.ruleset ?? flags.rules})`, out.result));
    return out.result.RuleResults?.every((r) => r.Result === 'PASS') ? 0 : 1;
  } finally {
    await sluice.close();
  }
}

export function registerDqCommand(program: Command): void {
  const dq = program.command('dq').description('Data quality: evaluate DQDL rulesets on catalog tables, and recommend rulesets');
  dq.command('evaluate')
    .description('Evaluate a DQDL ruleset on a table and print the score and each rule; exits 1 when a rule does not pass')
    .requiredOption('--table <db.table>', 'the catalog table to check')
    .option('--rules <file>', 'a DQDL file')
    .option('--ruleset <name>', 'a stored ruleset (CreateDataQualityRuleset)')
    .option('--ref <alias=db.table...>', 'reference datasets for ReferentialIntegrity, DatasetMatch, RowCountMatch …')
    .option('--composite <ROW|COLUMN>', 'how composite rules are evaluated (default COLUMN)')
    .option('--row-level <dir>', 'write row-level outcomes (DataQualityRulesPass/Fail) as Parquet under dir')
    .option('--record', "keep the result in the table's history (what dynamic rules, the dashboard and alarms read)")
    .option('--json', 'print the DataQualityResult as JSON')
    .action(async (flags: EvaluateFlags) => {
      try {
        process.exitCode = await evaluate(flags);
      } catch (err) {
        process.exitCode = reportError(err);
      }
    });
  dq.command('recommend')
    .description('Profile a table and print a DQDL ruleset that its data passes today')
    .requiredOption('--table <db.table>', 'the catalog table to profile')
    .option('--save <name>', 'also store it as a ruleset targeting the table')
    .action(async (flags: { table: string; save?: string }) => {
      try {
        const sluice = await openSluice();
        try {
          const source = tableSource(flags.table);
          const ruleset = await recommendForSource(sluice.services, source, sluice.services.config.account.id);
          if (flags.save)
            await sluice.call('CreateDataQualityRuleset', { Name: flags.save, Ruleset: ruleset, TargetTable: source.GlueTable });
          process.stdout.write(ruleset);
        } finally {
          await sluice.close();
        }
      } catch (err) {
        process.exitCode = reportError(err);
      }
    });
}
