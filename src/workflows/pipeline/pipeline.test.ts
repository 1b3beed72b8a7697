// Pipeline as code on a real project: a declaration is created once and then left alone; a changed
// field is updated in place (only the fields the file states are compared); a trigger whose type
// changes is replaced; a resource apply created and the file no longer declares is deleted, while a
// resource made by hand is adopted, never deleted; a bad declaration is refused before anything runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify, parse } from 'yaml';
import { openTestProject, type TestProject } from '../../../test/helpers/backends.js';
import { expectGlueError } from '../../../test/helpers/expect-error.js';
import { applyChanges, planProject } from './apply.js';
import { formatPlan } from './plan.js';

let p: TestProject;
const call = (op: string, input: unknown) => p.sluice.call(op, input);
const yamlPath = () => join(p.dir, 'sluice.yaml');
function declare(edit: (doc: Record<string, any>) => void): void {
  const doc = parse(readFileSync(yamlPath(), 'utf8'));
  edit(doc);
  writeFileSync(yamlPath(), stringify(doc));
}
const plan = async () =>
  (await planProject(p.sluice))
    .filter((c) => c.action !== 'unchanged')
    .map((c) => `${c.action} ${c.kind}/${c.name}${c.fields.length ? ` ${c.fields.map((f) => f.field).join(',')}` : ''}`);
const apply = async () => applyChanges(p.sluice, await planProject(p.sluice));
const job = (script: string, extra = {}) => ({ Role: 'sluice', Command: { Name: 'glueetl', ScriptLocation: script }, ...extra });

beforeAll(async () => {
  p = await openTestProject('sqlite');
  await call('CreateJob', { Name: 'by-hand', ...job('jobs/mine.sql') });
});
afterAll(async () => p?.cleanup());

describe('sluice plan and apply', () => {
  it('creates what is declared, with ${zones.…} filled in, and applying again changes nothing', async () => {
    declare((d) => {
      d.databases = { sales: { Description: 'sales data' } };
      d.crawlers = {
        landing: {
          Role: 'sluice',
          DatabaseName: 'sales',
          Targets: { S3Targets: [{ Path: '${zones.raw}/landing' }] },
          Schedule: 'cron(0 3 * * ? *)',
        },
      };
      d.jobs = { load: job('jobs/load.sql', { Timeout: 30, DefaultArguments: { '--mode': 'full' } }), 'by-hand': job('jobs/mine.sql') };
      d.workflows = { daily: { Description: 'every day', MaxConcurrentRuns: 1 } };
      d.triggers = {
        'daily-start': { WorkflowName: 'daily', Type: 'ON_DEMAND', Actions: [{ CrawlerName: 'landing' }] },
        'daily-load': {
          WorkflowName: 'daily',
          Type: 'CONDITIONAL',
          StartOnCreation: true,
          Predicate: { Conditions: [{ LogicalOperator: 'EQUALS', CrawlerName: 'landing', CrawlState: 'SUCCEEDED' }] },
          Actions: [{ JobName: 'load' }],
        },
      };
      d.rulesets = { 'sales-rules': { RulesetFile: 'rules/sales.dqdl', TargetTable: { DatabaseName: 'sales', TableName: 'orders' } } };
    });
    writeFileSync(join(p.dir, 'sales.dqdl'), '');
    await expectGlueError(
      planProject(p.sluice),
      'InvalidInputException',
      /rulesets\.sales-rules: RulesetFile rules\/sales\.dqdl cannot be read \(ENOENT\)/,
    );
    declare((d) => (d.rulesets['sales-rules'].RulesetFile = 'sales.dqdl'));
    writeFileSync(join(p.dir, 'sales.dqdl'), 'Rules = [ RowCount > 0 ]\n');
    const text = formatPlan(await planProject(p.sluice));
    expect(text).toMatch(/^ {4}\+ crawler landing$/m);
    expect(text).toContain('Plan: 7 to add, 0 to change, 0 to replace, 0 to destroy (1 unchanged).');
    await apply();
    expect((await call('GetCrawler', { Name: 'landing' })).Crawler).toMatchObject({
      Targets: { S3Targets: [{ Path: 'lake/raw/landing' }] },
      Schedule: { ScheduleExpression: 'cron(0 3 * * ? *)' },
    });
    expect((await call('GetTrigger', { Name: 'daily-load' })).Trigger.State).toBe('ACTIVATED');
    expect((await call('GetDataQualityRuleset', { Name: 'sales-rules' })).Ruleset).toContain('RowCount > 0');
    expect(await plan()).toEqual([]);
    expect(formatPlan(await planProject(p.sluice))).toBe('No changes. Sluice matches sluice.yaml (8 resources).\n');
  });

  it('updates changed fields in place, turns StartOnCreation into StartTrigger/StopTrigger, and replaces a trigger whose type changes', async () => {
    declare((d) => {
      d.jobs.load.Timeout = 45;
      d.crawlers.landing.Schedule = 'cron(0 4 * * ? *)';
      d.triggers['daily-load'].StartOnCreation = false;
      d.triggers['daily-start'] = {
        WorkflowName: 'daily',
        Type: 'SCHEDULED',
        Schedule: 'cron(0 5 * * ? *)',
        Actions: [{ CrawlerName: 'landing' }],
        StartOnCreation: true,
      };
    });
    expect(await plan()).toEqual([
      'update crawlers/landing Schedule',
      'update jobs/load Timeout',
      'replace triggers/daily-start Type,Schedule,StartOnCreation',
      'update triggers/daily-load StartOnCreation',
    ]);
    expect(formatPlan(await planProject(p.sluice))).toMatch(/~ job load\n {8}Timeout: 30 → 45\n/);
    await apply();
    expect((await call('GetJob', { JobName: 'load' })).Job).toMatchObject({ Timeout: 45, DefaultArguments: { '--mode': 'full' } });
    expect((await call('GetTrigger', { Name: 'daily-start' })).Trigger).toMatchObject({ Type: 'SCHEDULED', State: 'ACTIVATED' });
    expect((await call('GetTrigger', { Name: 'daily-load' })).Trigger.State).toBe('DEACTIVATED');
    expect(await plan()).toEqual([]);
  });

  it('deletes what it created and the file no longer declares, and never what was made by hand', async () => {
    declare((d) => {
      delete d.triggers;
      delete d.workflows;
      delete d.rulesets;
      delete d.jobs['by-hand'];
    });
    expect(await plan()).toEqual([
      'delete workflows/daily',
      'delete triggers/daily-load',
      'delete triggers/daily-start',
      'delete rulesets/sales-rules',
    ]);
    await apply();
    await expectGlueError(call('GetWorkflow', { Name: 'daily' }), 'EntityNotFoundException');
    await expectGlueError(call('GetTrigger', { Name: 'daily-load' }), 'EntityNotFoundException');
    // by-hand was there before the first apply: declaring it did not make it apply's to delete.
    expect((await call('BatchGetJobs', { JobNames: ['by-hand'] })).JobsNotFound).toEqual([]);
  });

  it('refuses declarations Glue would refuse, naming each, before changing anything', async () => {
    declare((d) => {
      d.jobs.broken = { Role: 'sluice' };
      d.triggers = { odd: { Type: 'SOMETIMES', Actions: [] } };
    });
    const err = await expectGlueError(planProject(p.sluice), 'InvalidInputException');
    expect(err.message).toMatch(/^sluice\.yaml declares 2 resources Glue would refuse:/);
    expect(err.message).toMatch(/jobs\.broken: .*'command' failed to satisfy constraint: Member must not be null/);
    expect(err.message).toMatch(/triggers\.odd: .*SOMETIMES/);
  });
});
