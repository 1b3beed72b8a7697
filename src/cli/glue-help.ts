// `sluice glue help` and `sluice glue <operation> help`, in the shape of `aws glue help`: the
// operations (marked with what Sluice serves), and an operation's synopsis and options from the API
// model. The model Sluice ships has no documentation strings, so the pages name and type, not explain.
import { loadGlueModel, shape } from '../kernel/model.js';
import { Registry } from '../kernel/registry.js';
import { allOperations } from '../config/operations.js';
import { kebab } from './aws-names.js';
import { paginatorOf } from './paginate.js';

const registry = () => new Registry(allOperations());

function served(op: string): string {
  const o = registry().get(op);
  if (!o) return 'not served by Sluice (UnknownOperationException)';
  return o.partial ? `served in part: ${o.partial}` : 'served';
}

export function glueHelp(): string {
  const ops = Object.keys(loadGlueModel().operations).sort();
  const r = registry();
  const lines = ops.map((op) => `       o ${kebab(op)}${r.get(op) ? '' : '   (not served)'}`);
  return [
    'NAME',
    '       glue -',
    '',
    'DESCRIPTION',
    '       The AWS Glue API, served by Sluice on this machine. `sluice glue <command> help` shows a command.',
    '       Global options: --endpoint-url URL, --region, --no-sign-request, --output json|text|table|yaml,',
    '       --query JMESPATH, --max-items N, --starting-token T, --page-size N, --no-paginate, --cli-input-json.',
    '',
    'AVAILABLE COMMANDS',
    ...lines,
    '',
  ].join('\n');
}

function typeOf(shapeName: string): string {
  const s = shape(shapeName);
  if (s.type === 'list') return `list (${typeOf(s.member!.shape)})`;
  if (s.type === 'map') return 'map';
  if (s.enum) return `string, one of: ${s.enum.join(' | ')}`;
  return s.type;
}

export function operationHelp(op: string): string {
  const spec = loadGlueModel().operations[op];
  const input = spec.input ? shape(spec.input.shape) : undefined;
  const required = new Set(input?.required ?? []);
  const members = Object.entries(input?.members ?? {});
  const synopsis = members.map(([m]) => (required.has(m) ? `          --${kebab(m)} <value>` : `          [--${kebab(m)} <value>]`));
  const p = paginatorOf(op);
  const paging = p ? ['          [--starting-token <value>]', '          [--page-size <value>]', '          [--max-items <value>]'] : [];
  const options = members.map(([m, ref]) => `       --${kebab(m)} (${typeOf(ref.shape)})${required.has(m) ? ' [required]' : ''}`);
  return [
    'NAME',
    `       ${kebab(op)} -`,
    '',
    'DESCRIPTION',
    `       The Glue ${op} operation; in Sluice: ${served(op)}.`,
    ...(p
      ? [
          `       ${kebab(op)} is a paginated operation: all pages are fetched unless --no-paginate (or --${kebab(p.input_token)}) is given.`,
        ]
      : []),
    '',
    'SYNOPSIS',
    `          ${kebab(op)}`,
    ...synopsis,
    '          [--cli-input-json <value>]',
    ...paging,
    '',
    'OPTIONS',
    ...(options.length ? options : ['       None']),
    '',
  ].join('\n');
}
