// What a rule planner sees of the evaluation: the primary dataset's columns, the rule's where
// clause as FILTER text, the evaluation time, and the reference datasets by alias.
import type { Condition, NumExpr, SimpleRule } from '../dqdl/ast.js';
import { findColumn } from '../../kernel/column-names.js';
import { ident } from './sql.js';
import { tsLiteral } from './predicates.js';
import { RuleError, type Column, type NumberCheck, type RuleEnv } from './types.js';

export interface EvalContext {
  columns: Column[];
  /** Quoted name of the primary view. */
  primary: string;
  /** Alias → quoted view name of each additional dataset. */
  aliases: Record<string, string>;
  aliasColumns(alias: string): Promise<Column[]>;
  now: Date;
}

function constant(e: NumExpr): number | null {
  switch (e.kind) {
    case 'number':
      return e.value;
    case 'null':
      return null;
    case 'neg': {
      const v = constant(e.expr);
      return v === null ? null : -v;
    }
    case 'paren':
      return constant(e.expr);
    case 'binary': {
      const l = constant(e.left);
      const r = constant(e.right);
      if (l === null || r === null) return null;
      return e.op === '+' ? l + r : e.op === '-' ? l - r : e.op === '*' ? l * r : l / r;
    }
    case 'call':
      throw new RuleError('Dynamic operands such as avg(last(3)) compare dataset metrics; they cannot bound per-row values');
  }
}

export const constCheck = (c: Condition & { type: 'number' }): NumberCheck => ({ op: c.op, values: c.operands.map(constant) });

export function makeEnv(rule: SimpleRule, ctx: EvalContext): RuleEnv {
  const where = rule.where === undefined ? 'TRUE' : `(${rule.where})`;
  const need = (name: string) => {
    const c = findColumn(ctx.columns, name);
    if (!c) throw new RuleError(`Input data does not include column ${name}!`);
    return c;
  };
  return {
    rule,
    columns: ctx.columns,
    col: (name) => ident(need(name).name),
    typeOf: (name) => need(name).type,
    where,
    filter(extra) {
      const parts = [rule.where === undefined ? undefined : where, extra === undefined ? undefined : `(${extra})`].filter(Boolean);
      return parts.length ? ` FILTER (WHERE ${parts.join(' AND ')})` : '';
    },
    constCheck,
    get threshold() {
      return rule.threshold ? constCheck(rule.threshold) : undefined;
    },
    now: tsLiteral(ctx.now),
    nowDate: ctx.now,
    primary: ctx.primary,
    alias: (name) => ctx.aliases[name],
    aliasColumns: (name) => ctx.aliasColumns(name),
  };
}
