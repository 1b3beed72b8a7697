// Job definitions through the registry, on SQLite and PostgreSQL: no run is started here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, openTestProject, postgresAvailable, type TestProject } from '../../../test/helpers/backends.js';
import { expectGlueError } from '../../../test/helpers/expect-error.js';

const hasPg = await postgresAvailable();
const command = { Name: 'glueetl', ScriptLocation: 'jobs/a.ts' };

for (const backend of BACKENDS) {
  describe.skipIf(backend === 'postgres' && !hasPg)(`job definitions on ${backend}`, () => {
    let p: TestProject;
    const call = (op: string, input: unknown) => p.sluice.call(op, input);
    beforeAll(async () => {
      p = await openTestProject(backend);
    });
    afterAll(async () => {
      await p?.cleanup();
    });

    it('creates a job with Glue defaults and reads it back', async () => {
      expect(await call('CreateJob', { Name: 'ingest', Role: 'r', Command: command, Tags: { team: 'data' } })).toEqual({ Name: 'ingest' });
      const { Job } = await call('GetJob', { JobName: 'ingest' });
      expect(Job).toMatchObject({
        Name: 'ingest',
        JobMode: 'SCRIPT',
        MaxRetries: 0,
        Timeout: 2880,
        ExecutionProperty: { MaxConcurrentRuns: 1 },
        Command: command,
      });
      expect(Job.CreatedOn).toBeInstanceOf(Date);
      await call('CreateJob', { Name: 'five', Role: 'r', Command: { ...command, ScriptLocation: 'b.sql' }, GlueVersion: '5.0' });
      expect((await call('GetJob', { JobName: 'five' })).Job.Timeout).toBe(480);
      await expectGlueError(
        call('CreateJob', { Name: 'ingest', Role: 'r', Command: command }),
        'AlreadyExistsException',
        'Job ingest already exists.',
      );
      await expectGlueError(call('GetJob', { JobName: 'nope' }), 'EntityNotFoundException', 'Job with name: nope not found.');
    });

    it('keeps any job Glue accepts, exactly as given, and refuses limits it cannot honour', async () => {
      const visual = {
        Name: 'visual',
        Role: 'r',
        Command: { Name: 'glueetl', PythonVersion: '3' },
        JobMode: 'VISUAL',
        CodeGenConfigurationNodes: {
          node1: { S3CsvSource: { Name: 'in', Paths: ['s3://b/in/'], Separator: 'comma', QuoteChar: 'quote' } },
        },
      };
      await call('CreateJob', visual);
      expect((await call('GetJob', { JobName: 'visual' })).Job).toMatchObject(visual);
      const shell = {
        Name: 'py',
        Role: 'r',
        Command: { Name: 'pythonshell', ScriptLocation: 's3://b/job.py', PythonVersion: '3.9' },
        MaxCapacity: 0.0625,
      };
      await call('CreateJob', shell);
      expect((await call('GetJob', { JobName: 'py' })).Job).toMatchObject(shell);
      await expectGlueError(
        call('CreateJob', { Name: 'two\nlines', Role: 'r', Command: command }),
        'ValidationException',
        /at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern/,
      );
      await expectGlueError(
        call('CreateJob', { Name: 'x', Role: 'r', Command: command, ExecutionClass: 'CHEAP' }),
        'ValidationException',
        /FLEX, STANDARD/,
      );
      await call('DeleteJob', { JobName: 'visual' });
      await call('DeleteJob', { JobName: 'py' });
      await expectGlueError(
        call('CreateJob', { Name: 'x', Role: 'r', Command: command, Timeout: 20000 }),
        'InvalidInputException',
        /10080 minutes/,
      );
      await expectGlueError(
        call('CreateJob', { Name: 'x', Role: 'r', Command: command, ExecutionProperty: { MaxConcurrentRuns: 0 } }),
        'InvalidInputException',
        /at least 1/,
      );
    });

    it('lists, batch-gets, pages and filters by tags', async () => {
      const { Jobs, JobsNotFound } = await call('BatchGetJobs', { JobNames: ['ingest', 'ghost'] });
      expect(Jobs.map((j: { Name: string }) => j.Name)).toEqual(['ingest']);
      expect(JobsNotFound).toEqual(['ghost']);
      expect((await call('ListJobs', {})).JobNames).toEqual(['five', 'ingest']);
      expect((await call('ListJobs', { Tags: { team: 'data' } })).JobNames).toEqual(['ingest']);
      const first = await call('GetJobs', { MaxResults: 1 });
      expect(first.Jobs.map((j: { Name: string }) => j.Name)).toEqual(['five']);
      const second = await call('GetJobs', { MaxResults: 1, NextToken: first.NextToken });
      expect(second.Jobs.map((j: { Name: string }) => j.Name)).toEqual(['ingest']);
      expect(second.NextToken).toBeUndefined();
    });

    it('replaces the whole definition on update, keeping CreatedOn', async () => {
      const before = (await call('GetJob', { JobName: 'ingest' })).Job;
      await call('UpdateJob', { JobName: 'ingest', JobUpdate: { Role: 'r2', Command: command, MaxRetries: 3 } });
      const after = (await call('GetJob', { JobName: 'ingest' })).Job;
      expect(after).toMatchObject({ Role: 'r2', MaxRetries: 3, Timeout: 2880 });
      expect(after.CreatedOn.getTime()).toBe(before.CreatedOn.getTime());
      await expectGlueError(call('UpdateJob', { JobName: 'ghost', JobUpdate: { Command: command } }), 'EntityNotFoundException');
    });

    it('deletes a job with its bookmark; deleting a missing job succeeds', async () => {
      await call('SetJobBookmark', { JobName: 'ingest', JobBookmark: '{"src":{"x":1}}' });
      expect(await call('DeleteJob', { JobName: 'ingest' })).toEqual({ JobName: 'ingest' });
      await expectGlueError(call('GetJob', { JobName: 'ingest' }), 'EntityNotFoundException');
      await call('CreateJob', { Name: 'ingest', Role: 'r', Command: command });
      await expectGlueError(
        call('GetJobBookmark', { JobName: 'ingest' }),
        'EntityNotFoundException',
        'Continuation for job ingest not found',
      );
      expect(await call('DeleteJob', { JobName: 'never' })).toEqual({ JobName: 'never' });
    });
  });
}
