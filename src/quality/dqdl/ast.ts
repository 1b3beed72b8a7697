// The typed form of a DQDL document (see ../README.md and glue-behaviour.md §4.1).
import type { Position } from './errors.js';

/** A numeric operand: literals, arithmetic, and history functions such as avg(last(3)). */
export type NumExpr =
  | { kind: 'number'; value: number; text: string }
  | { kind: 'null' }
  | { kind: 'neg'; expr: NumExpr }
  | { kind: 'paren'; expr: NumExpr }
  | { kind: 'binary'; op: '+' | '-' | '*' | '/'; left: NumExpr; right: NumExpr }
  | { kind: 'call'; name: string; args: NumExpr[] };

export type DurationUnit = 'days' | 'hours' | 'minutes';
export interface Duration {
  amount: number;
  unit: DurationUnit;
}
export type SizeUnit = 'B' | 'KB' | 'MB' | 'GB' | 'TB';
export interface Size {
  amount: number;
  unit: SizeUnit;
  /** a bare number (bytes) */ implicit?: boolean;
}

export type DateExpr =
  | { kind: 'date'; text: string }
  | { kind: 'time'; text: string }
  | { kind: 'now' }
  | { kind: 'now-offset'; op: '+' | '-'; amount: number; unit: DurationUnit }
  | { kind: 'null' };

export type StringKeyword = 'NULL' | 'EMPTY' | 'WHITESPACES_ONLY';
export type StringOperand = { kind: 'string'; value: string } | { kind: 'keyword'; keyword: StringKeyword };

export type NumberOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'between' | 'not between' | 'in' | 'not in';
export type StringOp = '=' | '!=' | 'in' | 'not in' | 'matches' | 'not matches';

export type Condition =
  | { type: 'number'; op: NumberOp; operands: NumExpr[] }
  | { type: 'string'; op: StringOp; operands: StringOperand[]; /** `$name` when the list came from a variable */ variable?: string }
  | { type: 'date'; op: NumberOp; operands: DateExpr[] }
  | { type: 'duration'; op: NumberOp; operands: Duration[] }
  | { type: 'size'; op: NumberOp; operands: Size[] };

/** A rule parameter as written (quoted or bare, or a $variable), with its resolved value. */
export interface Param {
  value: string;
  quoted: boolean;
  variable?: string;
  /** The connector word written before it (`of`, `and`), kept for the canonical text. */
  connector?: string;
}

export interface Tag {
  key: string;
  value: string;
  quoted: boolean;
}

export interface SimpleRule {
  kind: 'rule';
  ruleType: string;
  params: Param[];
  condition?: Condition;
  threshold?: Condition & { type: 'number' };
  where?: string;
  /** Tags other than threshold: `with ignoreCase = "true"`. */
  tags: Tag[];
  /** Labels written on the rule (DefaultLabels are merged in by the evaluator). */
  labels?: Record<string, string>;
  position: Position;
}

export interface CompositeRule {
  kind: 'composite';
  op: 'and' | 'or';
  /** How the operator was written (`and` or `AND`), for the canonical text. */
  opText: string;
  rules: Rule[];
  labels?: Record<string, string>;
  position: Position;
}

export type Rule = SimpleRule | CompositeRule;

export interface Analyzer {
  kind: 'analyzer';
  analyzerType: string;
  params: Param[];
  where?: string;
  position: Position;
}

export interface Ruleset {
  metadata: Record<string, string>;
  dataSources?: { primary?: string; additional: string[] };
  variables: Record<string, string | string[]>;
  defaultLabels: Record<string, string>;
  rules: Rule[];
  analyzers: Analyzer[];
}
