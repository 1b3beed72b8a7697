// The AWS CLI's output options for `sluice glue`: --query (JMESPath), --output json|text|table|yaml
// (default $AWS_DEFAULT_OUTPUT, else json), and pagination (--max-items, --starting-token,
// --page-size, --no-paginate). Each format behaves as awscli's formatter: json and table format the
// whole (merged) result, text formats page by page; --query applies to what each formats.
import jmespath from 'jmespath';

// The package exports compile (parse only); its type definitions leave it out.
const compileQuery = (jmespath as unknown as { compile: (expression: string) => unknown }).compile;
import { stringify } from 'yaml';
import { CliUsageError } from './output.js';
import { formatAwsJson, plainResponse } from './aws-format.js';
import { formatText } from './text-format.js';
import { formatTable } from './table-format.js';
import { fullResult, paginate, paginatorOf, textPages, type PagingOptions } from './paginate.js';
import { inModelOrder } from './shape-order.js';

export const OUTPUTS = ['json', 'text', 'table', 'yaml'] as const;
export type OutputKind = (typeof OUTPUTS)[number];

export interface OutputOptions extends PagingOptions {
  query?: string;
  output: OutputKind;
  paginate: boolean;
}

const INTEGER_OPTIONS: Record<string, keyof PagingOptions> = { '--max-items': 'maxItems', '--page-size': 'pageSize' };

/** Takes the output and paging options out of argv; the rest are the operation's own. */
export function splitOutputOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): { options: OutputOptions; params: string[] } {
  const options: OutputOptions = { output: (env.AWS_DEFAULT_OUTPUT as OutputKind) || 'json', paginate: true };
  const params: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const [flag, inline] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new CliUsageError(`argument ${flag}: expected one argument`);
      return v;
    };
    if (flag === '--query') options.query = value();
    else if (flag === '--output') options.output = value() as OutputKind;
    else if (flag === '--starting-token') options.startingToken = value();
    else if (flag === '--no-paginate') options.paginate = false;
    else if (flag in INTEGER_OPTIONS) {
      const v = value();
      if (!/^-?\d+$/.test(v)) throw new CliUsageError(`argument ${flag}: invalid int value: '${v}'`);
      options[INTEGER_OPTIONS[flag]] = Number(v) as never;
    } else params.push(arg);
  }
  if (!OUTPUTS.includes(options.output)) {
    throw new CliUsageError(`argument --output: Invalid choice, valid choices are:\n\n${OUTPUTS.join(' | ')}`);
  }
  if (options.query !== undefined) {
    try {
      compileQuery(options.query);
    } catch (e) {
      throw new CliUsageError(`Bad value for --query ${options.query}: Invalid jmespath expression: ${(e as Error).message}`, 255);
    }
  }
  return { options, params };
}

type Call = (input: Record<string, unknown>) => Promise<unknown>;

/** Calls the operation (page after page where it paginates) and renders what `aws glue` prints. */
export async function callAndRender(operation: string, input: Record<string, unknown>, call: Call, o: OutputOptions): Promise<string> {
  const p = paginatorOf(operation);
  // As in the AWS CLI: giving the operation's own paging parameters turns automatic paging off.
  const own = p && (input[p.input_token] !== undefined || (p.limit_key !== undefined && input[p.limit_key] !== undefined));
  const page = async (i: Record<string, unknown>) => plainResponse(inModelOrder(operation, await call(i))) as Record<string, unknown>;
  if (!p || !o.paginate || own) return render(operation, [await page(input)], o);
  const paged = await paginate(p, input, page, o);
  return o.output === 'text' ? render(operation, textPages(paged), o) : render(operation, [fullResult(paged)], o);
}

function render(operation: string, pages: unknown[], o: OutputOptions): string {
  const q = (v: unknown) => (o.query !== undefined ? jmespath.search(v as never, o.query) : v);
  switch (o.output) {
    case 'text':
      return pages.map((pg) => formatText(q(pg))).join('');
    case 'table':
      return formatTable(operation, q(pages[0]), process.stdout.isTTY ? process.stdout.columns : 80);
    case 'yaml': {
      const v = q(pages[0]);
      return isEmptyObject(v) ? '' : stringify(v, { lineWidth: 0 });
    }
    default: {
      const v = q(pages[0]);
      if (isEmptyObject(v)) return '';
      return `${formatAwsJson(v)}\n`;
    }
  }
}

const isEmptyObject = (v: unknown) => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
