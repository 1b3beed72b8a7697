// IAM policy documents as sluice.yaml and PutResourcePolicy give them: the grammar AWS documents
// (Effect, Action/NotAction, Resource/NotResource, Principal for resource policies, Condition), parsed
// once into a form the evaluator matches quickly. An operator or statement Sluice cannot evaluate is
// refused when the policy is declared, never silently ignored at request time: a condition that is
// skipped would grant more than its author wrote.
import { z } from 'zod';
import { compileCondition, type CompiledCondition } from './conditions.js';
import { compilePattern } from './patterns.js';

const strings = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
// Service and Federated principals are kept (Glue accepts them) but never match an access key.
const principal = z.union([
  z.literal('*'),
  z
    .object({ AWS: strings.optional(), Service: strings.optional(), Federated: strings.optional(), CanonicalUser: strings.optional() })
    .strict(),
]);

const statementSchema = z
  .object({
    Sid: z.string().optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: strings.optional(),
    NotAction: strings.optional(),
    Resource: strings.optional(),
    NotResource: strings.optional(),
    Principal: principal.optional(),
    NotPrincipal: principal.optional(),
    Condition: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.boolean(), z.number(), z.array(z.string())]))).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (!s.Action === !s.NotAction) ctx.addIssue({ code: 'custom', message: 'a statement has exactly one of Action or NotAction' });
    if (s.Resource && s.NotResource) ctx.addIssue({ code: 'custom', message: 'a statement has Resource or NotResource, not both' });
  });

export const policyDocumentSchema = z
  .object({
    Version: z.enum(['2012-10-17', '2008-10-17']).optional(),
    Id: z.string().optional(),
    Statement: z.union([statementSchema, z.array(statementSchema).min(1)]),
  })
  .strict();

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;
export type StatementDocument = z.infer<typeof statementSchema>;

export interface CompiledStatement {
  /** Where the statement came from, for messages: "ReadOnlyAccess statement 2 (Sid ReadGlue)". */
  label: string;
  effect: 'Allow' | 'Deny';
  actions: { not: boolean; match: (action: string) => boolean };
  /** Undefined when the statement names no Resource (resource policies: the resource it is attached to). */
  resources?: { not: boolean; match: (arn: string) => boolean };
  principals?: { not: boolean; values: string[] };
  conditions: CompiledCondition[];
}

export interface CompiledPolicy {
  name: string;
  statements: CompiledStatement[];
}

const list = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function anyOf(patterns: string[], ignoreCase: boolean): (s: string) => boolean {
  const compiled = patterns.map((p) => compilePattern(p, ignoreCase));
  return (s) => compiled.some((m) => m(s));
}

/** Parses and compiles a policy document; throws an Error naming the policy and the problem. */
export function compilePolicy(name: string, doc: unknown): CompiledPolicy {
  const parsed = policyDocumentSchema.safeParse(typeof doc === 'string' ? parseJson(name, doc) : doc);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(document)'}: ${i.message}`).join('; ');
    throw new Error(`Policy ${name} is not a valid IAM policy document: ${issues}`);
  }
  const statements: StatementDocument[] = list<StatementDocument>(parsed.data.Statement);
  return {
    name,
    statements: statements.map((s, i) => {
      const label = `${name} statement ${i + 1}${s.Sid ? ` (Sid ${s.Sid})` : ''}`;
      const principalDoc = s.Principal ?? s.NotPrincipal;
      return {
        label,
        effect: s.Effect,
        // Action names are case-insensitive in IAM; ARNs are not.
        actions: { not: !s.Action, match: anyOf(list((s.Action ?? s.NotAction)!), true) },
        resources:
          s.Resource || s.NotResource ? { not: !s.Resource, match: anyOf(list((s.Resource ?? s.NotResource)!), false) } : undefined,
        principals: principalDoc
          ? { not: !s.Principal, values: principalDoc === '*' ? ['*'] : principalDoc.AWS ? list(principalDoc.AWS) : [] }
          : undefined,
        conditions: Object.entries(s.Condition ?? {}).flatMap(([op, keys]) =>
          Object.entries(keys).map(([key, values]) => compileCondition(label, op, key, values)),
        ),
      };
    }),
  };
}

function parseJson(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`Policy ${name} is not valid JSON: ${(e as Error).message}`);
  }
}
