// The canonical text of a rule: what results show as a rule's Description and what row-level
// outcomes name. It round-trips: parsing it gives the same rule. Parameters keep their quoting and
// connector words, numbers keep their digits, where comes before threshold (§4.1).
import type { Analyzer, Condition, DateExpr, NumExpr, Param, Rule, Size, StringOperand } from './ast.js';

// Only \" and \\ are escapes in DQDL, so a backslash is doubled only where it would otherwise start
// one: regexes such as "[^\s@]+" print back exactly as written.
const quote = (s: string) => `"${s.replace(/\\(?=["\\]|$)/g, '\\\\').replace(/"/g, '\\"')}"`;

export function numText(e: NumExpr): string {
  switch (e.kind) {
    case 'number':
      return e.text;
    case 'null':
      return 'NULL';
    case 'neg':
      return `-${numText(e.expr)}`;
    case 'paren':
      return `(${numText(e.expr)})`;
    case 'binary':
      return `${numText(e.left)} ${e.op} ${numText(e.right)}`;
    case 'call':
      return `${e.name}(${e.args.map(numText).join(',')})`;
  }
}

export function dateText(d: DateExpr): string {
  switch (d.kind) {
    case 'date':
    case 'time':
      return quote(d.text);
    case 'now':
      return 'now()';
    case 'now-offset':
      return `(now() ${d.op} ${d.amount} ${d.unit})`;
    case 'null':
      return 'NULL';
  }
}

const stringText = (s: StringOperand) => (s.kind === 'string' ? quote(s.value) : s.keyword);
const sizeText = (s: Size) => (s.implicit ? String(s.amount) : `${s.amount} ${s.unit}`);

export function conditionText(c: Condition): string {
  const items: string[] =
    c.type === 'number'
      ? c.operands.map(numText)
      : c.type === 'string'
        ? c.operands.map(stringText)
        : c.type === 'date'
          ? c.operands.map(dateText)
          : c.type === 'duration'
            ? c.operands.map((d) => `${d.amount} ${d.unit}`)
            : c.operands.map(sizeText);
  if (c.op === 'between' || c.op === 'not between') return `${c.op} ${items[0]} and ${items[1]}`;
  if (c.op === 'in' || c.op === 'not in')
    return c.type === 'string' && c.variable ? `${c.op} $${c.variable}` : `${c.op} [${items.join(',')}]`;
  return `${c.op} ${items[0]}`;
}

function paramText(p: Param): string {
  const v = p.variable ? `$${p.variable}` : p.quoted ? quote(p.value) : p.value;
  return p.connector ? `${p.connector} ${v}` : v;
}

const labelsText = (labels: Record<string, string>) =>
  `labels=[${Object.entries(labels)
    .map(([k, v]) => `${quote(k)}=${quote(v)}`)
    .join(', ')}]`;

export function ruleText(rule: Rule): string {
  if (rule.kind === 'composite') {
    const body = rule.rules.map((r) => `(${ruleText(r)})`).join(` ${rule.opText} `);
    return rule.labels ? `(${body}) ${labelsText(rule.labels)}` : body;
  }
  const parts = [rule.ruleType, ...rule.params.map(paramText)];
  if (rule.condition) parts.push(conditionText(rule.condition));
  if (rule.where !== undefined) parts.push(`where ${quote(rule.where)}`);
  if (rule.threshold) parts.push(`with threshold ${conditionText(rule.threshold)}`);
  for (const t of rule.tags) parts.push(`with ${t.key} = ${t.quoted ? quote(t.value) : t.value}`);
  if (rule.labels) parts.push(labelsText(rule.labels));
  return parts.join(' ');
}

export function analyzerText(a: Analyzer): string {
  const parts = [a.analyzerType, ...a.params.map(paramText)];
  if (a.where !== undefined) parts.push(`where ${quote(a.where)}`);
  return parts.join(' ');
}
