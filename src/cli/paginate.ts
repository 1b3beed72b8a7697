// The AWS CLI's automatic pagination (botocore's PageIterator): an operation with a paginator is
// called page after page until the listing ends or --max-items are out; --page-size sets the limit
// key, --starting-token resumes. Tokens are botocore's: base64 of {"NextToken": …,
// "boto_truncate_amount": n}, so a token from `aws glue` works with `sluice glue` and back.
import { loadPaginators, type Paginator } from '../kernel/model.js';
import { invalidInput } from '../kernel/errors.js';

export interface PagingOptions {
  maxItems?: number;
  startingToken?: string;
  pageSize?: number;
}

export interface Paged {
  resultKey: string;
  pages: Record<string, unknown>[];
  resumeToken?: string;
}

type Call = (input: Record<string, unknown>) => Promise<Record<string, unknown>>;

export function paginatorOf(operation: string): Paginator | undefined {
  return loadPaginators()[operation];
}

/** botocore's TokenEncoder: Python's json.dumps spacing, then base64. */
function encodeToken(token: Record<string, unknown>): string {
  const json = `{${Object.entries(token)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v ?? null)}`)
    .join(', ')}}`;
  return Buffer.from(json, 'utf8').toString('base64');
}

function decodeToken(token: string, inputToken: string): { next: string | undefined; skip: number } {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as Record<string, unknown>;
    if (typeof v !== 'object' || v === null) throw new Error('not a token');
    return { next: (v[inputToken] as string | null) ?? undefined, skip: Number(v.boto_truncate_amount ?? 0) };
  } catch {
    // botocore's older form: <token>___<index>
    const parts = token.split('___');
    if (parts.length === 2 && /^\d+$/.test(parts[1])) return { next: parts[0] === 'None' ? undefined : parts[0], skip: Number(parts[1]) };
    if (!token) throw invalidInput(`Bad starting token: ${token}`);
    return { next: token === 'None' ? undefined : token, skip: 0 };
  }
}

export async function paginate(p: Paginator, input: Record<string, unknown>, call: Call, o: PagingOptions): Promise<Paged> {
  const resultKey = [p.result_key].flat()[0]!;
  const kwargs: Record<string, unknown> = { ...input };
  let next: string | undefined;
  let skip = 0;
  if (o.startingToken !== undefined) ({ next, skip } = decodeToken(o.startingToken, p.input_token));
  if (next) kwargs[p.input_token] = next;
  if (o.pageSize !== undefined && p.limit_key) kwargs[p.limit_key] = o.pageSize;
  const pages: Paged['pages'] = [];
  let total = 0;
  let first = true;
  let previous: string | undefined;
  for (;;) {
    const page = { ...(await call(kwargs)) };
    let startCut = 0;
    if (first && o.startingToken !== undefined) {
      startCut = skip;
      page[resultKey] = ((page[resultKey] as unknown[]) ?? []).slice(skip);
    }
    first = false;
    const items = (page[resultKey] as unknown[] | undefined) ?? [];
    const over = o.maxItems !== undefined ? total + items.length - o.maxItems : 0;
    if (over > 0) {
      const keep = items.length - over;
      page[resultKey] = items.slice(0, keep);
      pages.push(page);
      return { resultKey, pages, resumeToken: encodeToken({ [p.input_token]: next ?? null, boto_truncate_amount: keep + startCut }) };
    }
    pages.push(page);
    total += items.length;
    const token = page[p.output_token] as string | undefined;
    if (!token) return { resultKey, pages };
    if (o.maxItems !== undefined && total === o.maxItems) return { resultKey, pages, resumeToken: encodeToken({ [p.input_token]: token }) };
    if (previous !== undefined && previous === token) throw invalidInput(`The same next token was received twice: ${token}`);
    kwargs[p.input_token] = next = previous = token;
  }
}

/** botocore's build_full_result: the result key's items of every page, then NextToken to resume. */
export function fullResult(paged: Paged): Record<string, unknown> {
  const items = paged.pages.flatMap((pg) => (pg[paged.resultKey] as unknown[] | undefined) ?? []);
  const anyKey = paged.pages.some((pg) => pg[paged.resultKey] !== undefined);
  return { ...(anyKey ? { [paged.resultKey]: items } : {}), ...(paged.resumeToken ? { NextToken: paged.resumeToken } : {}) };
}

/** Each page as TextFormatter prints it: only the result key, then the resume token on its own. */
export function textPages(paged: Paged): Record<string, unknown>[] {
  const pages: Record<string, unknown>[] = paged.pages.map((pg) => ({ [paged.resultKey]: pg[paged.resultKey] ?? null }));
  if (paged.resumeToken) pages.push({ NextToken: { NextToken: paged.resumeToken } });
  return pages;
}
