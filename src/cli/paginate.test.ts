// botocore's paging rules over a listing of 5 names served 2 per page by the registry's own paging
// (ListJobs through a real project): merged results, --max-items cuts mid-page and resumes there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestProject, type TestProject } from '../../test/helpers/backends.js';
import { fullResult, paginate, paginatorOf, textPages } from './paginate.js';

let p: TestProject;
const call = (input: Record<string, unknown>) => p.sluice.call('ListJobs', input) as Promise<Record<string, unknown>>;
const token = (t: string) => JSON.parse(Buffer.from(t, 'base64').toString('utf8'));

beforeAll(async () => {
  p = await openTestProject('sqlite');
  for (const n of ['a', 'b', 'c', 'd', 'e']) {
    await p.sluice.call('CreateJob', { Name: n, Role: 'arn:aws:iam::123456789012:role/r', Command: { Name: 'glueetl' } });
  }
});
afterAll(async () => {
  await p?.cleanup();
});

describe('automatic pagination', () => {
  const lister = () => paginatorOf('ListJobs')!;

  it('fetches every page and merges the result key', async () => {
    const paged = await paginate(lister(), {}, call, { pageSize: 2 });
    expect(paged.pages).toHaveLength(3);
    expect(fullResult(paged)).toEqual({ JobNames: ['a', 'b', 'c', 'd', 'e'] });
  });

  it('cuts at --max-items inside a page and resumes from the same page with botocore tokens', async () => {
    const first = await paginate(lister(), {}, call, { pageSize: 2, maxItems: 3 });
    expect(fullResult(first).JobNames).toEqual(['a', 'b', 'c']);
    const t = token(first.resumeToken!);
    expect(t.boto_truncate_amount).toBe(1);
    expect(Buffer.from(first.resumeToken!, 'base64').toString('utf8')).toMatch(/^\{"NextToken": "[^"]+", "boto_truncate_amount": 1\}$/);
    const rest = await paginate(lister(), {}, call, { pageSize: 2, startingToken: first.resumeToken });
    expect(fullResult(rest)).toEqual({ JobNames: ['d', 'e'] });
    expect(textPages(first).at(-1)).toEqual({ NextToken: { NextToken: first.resumeToken } });
  });

  it('ends on a page boundary with the service token alone', async () => {
    const paged = await paginate(lister(), {}, call, { pageSize: 2, maxItems: 2 });
    expect(fullResult(paged).JobNames).toEqual(['a', 'b']);
    expect(Object.keys(token(paged.resumeToken!))).toEqual(['NextToken']);
    const rest = await paginate(lister(), {}, call, { startingToken: paged.resumeToken });
    expect(fullResult(rest)).toEqual({ JobNames: ['c', 'd', 'e'] });
  });
});
