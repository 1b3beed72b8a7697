// The arguments Sluice reads are checked when a run starts: bad values and near misses of their
// names fail it naming the nearest valid one; the job's own arguments pass whatever they are.
import { describe, expect, it } from 'vitest';
import { SluiceError } from '../../kernel/errors.js';
import { checkArguments } from './job-arguments.js';

const failure = (args: Record<string, string>) => {
  try {
    checkArguments(args);
  } catch (e) {
    expect(e).toBeInstanceOf(SluiceError);
    expect((e as SluiceError).type).toBe('InvalidInputException');
    return (e as Error).message;
  }
  return undefined;
};

describe('checkArguments', () => {
  it('refuses a value Sluice does not accept, naming the nearest', () => {
    expect(failure({ '--job-bookmark-option': 'job-bookmark-enabled' })).toBe(
      '--job-bookmark-option job-bookmark-enabled is not one of job-bookmark-enable, job-bookmark-disable, job-bookmark-pause (did you mean job-bookmark-enable?).',
    );
    expect(failure({ '--write-mode': 'overwrit' })).toBe(
      '--write-mode overwrit is not one of append, overwrite, overwrite-partitions (did you mean overwrite?).',
    );
    expect(failure({ '--count-input-rows': 'no' })).toBe('--count-input-rows no is not one of true, false.');
  });

  it('refuses a name one typo away from one Sluice reads', () => {
    expect(failure({ '--job-bookmark-opton': 'job-bookmark-enable' })).toBe(
      'Job argument --job-bookmark-opton is not one Sluice reads: did you mean --job-bookmark-option?',
    );
    expect(failure({ '--output_path': 'x' })).toBe('Job argument --output_path is not one Sluice reads: did you mean --output-path?');
  });

  it('lets the job’s own arguments and the reserved ones through', () => {
    expect(
      failure({
        '--job-bookmark-option': 'job-bookmark-pause',
        '--output': 'x',
        '--day': '2024-01-01',
        '--my_param': 'v',
        '--JOB_NAME': 'j',
        '--WORKFLOW_RUN_ID': 'wr_1',
        '--enable-metrics': '',
      }),
    ).toBeUndefined();
  });
});
