import { describe, expect, it } from 'vitest';
import { parseDqdl } from './parser.js';
import { DqdlError } from './errors.js';

function error(source: string): DqdlError {
  try {
    parseDqdl(source);
  } catch (e) {
    expect(e).toBeInstanceOf(DqdlError);
    return e as DqdlError;
  }
  throw new Error(`expected a DqdlError for: ${source}`);
}

// [source, line, column, message fragment]
const CASES: [string, number, number, string][] = [
  ['', 1, 1, 'Expected Rules = [ … ] or Analyzers = [ … ]'],
  ['Rules = [ ]', 1, 12, 'No rules or analyzers provided.'],
  ['Rules = [ ]\nAnalyzers = [ ]', 2, 16, 'No rules or analyzers provided.'],
  ['Rules = RowCount > 0', 1, 9, "Expected '[' to start the Rules list but found 'RowCount'"],
  ['Rules = [ RowCount > 0', 1, 23, "Expected ',' between rules or ']' to close the Rules list but found the end of the ruleset"],
  ['Rules = [ RowCount > 0 IsComplete "a" ]', 1, 24, "Expected ',' between rules"],
  ['Rules = [ RowCount > 0, ]', 1, 25, 'Expected a rule type such as RowCount'],
  ['Rules = [\n  RowCount > 1,\n  Completness "a" > 0 ]', 3, 3, 'Rule Type: Completness is not valid'],
  ['Rules = [ rowcount > 0 ]', 1, 11, 'did you mean RowCount?'],
  ['Rules = [ RowCount ]', 1, 20, 'Expected a condition for RowCount: a number condition'],
  [
    'Rules = [ RowCount "x" > 0 ]',
    1,
    20,
    'Unexpected number of parameters for rule type RowCount: expected 0, found 1; the first one too many is "x"',
  ],
  // A mistyped keyword reads as one parameter too many: the error points at it and names the keyword.
  [
    'Rules = [ ColumnValues "id" betwen 1 and 5 ]',
    1,
    29,
    'Expected a condition: a number condition such as > 0.9, between 1 and 10 or in [1,2], or a date condition',
  ],
  ['Rules = [ ColumnValues "id" betwen 1 and 5 ]', 1, 29, "but found 'betwen' (did you mean between?)"],
  ['Rules = [ RowCount betwen 1 and 5 ]', 1, 20, "but found 'betwen' (did you mean between?)"],
  [
    'Rules = [ IsComplete "a" wher "a > 1" ]',
    1,
    26,
    "Expected where, with, labels or the end of the rule but found 'wher' (did you mean where?)",
  ],
  ['Rules = [ ColumnValues "a" > 1 wiht threshold > 0.5 ]', 1, 32, "but found 'wiht' (did you mean with?)"],
  ['Rules = [ ColumnCorrelation "a" > 0.5 ]', 1, 11, 'expected 2, found 1'],
  ['Rules = [ IsComplete "a" = 1 ]', 1, 26, 'Unexpected condition for rule of type IsComplete with boolean return type'],
  ['Rules = [ Completeness "a" = "x" ]', 1, 28, 'Unexpected condition for rule of type Completeness with number return type'],
  ['Rules = [ Completeness "a" matches "x" ]', 1, 28, 'with number return type'],
  ['Rules = [ ColumnValues "a" > "abc" ]', 1, 28, 'with number, date or string return type'],
  ['Rules = [ DataFreshness "a" > 3 ]', 1, 29, 'expected a duration condition'],
  ['Rules = [ DataFreshness "a" > 3 weeks ]', 1, 29, 'expected a duration condition'],
  ['Rules = [ RowCount between 1 or 2 ]', 1, 30, "Expected 'and' between the bounds of 'between' but found 'or'"],
  ['Rules = [ RowCount not > 1 ]', 1, 24, "Expected 'between', 'in' or 'matches' after 'not'"],
  ['Rules = [ RowCount in [ ] ]', 1, 20, "The list after 'in' is empty"],
  ['Rules = [ RowCount in [1, 2 ]', 1, 30, "Expected ',' between rules or ']'"],
  ['Rules = [ RowCount > last(3) ]', 1, 20, 'last(k) gives a list of past values'],
  ['Rules = [ RowCount > avg(3) ]', 1, 22, 'avg() takes a list of past values: avg(last(3))'],
  ['Rules = [ RowCount > last(0) ]', 1, 22, 'last(k) needs a whole number k >= 1'],
  ['Rules = [ RowCount > foo(last(3)) ]', 1, 22, 'Unknown function foo()'],
  ['Rules = [ RowCount > avg(last(3) ]', 1, 34, "Expected ')' to close avg("],
  ['Rules = [ Mean "x" > 1 with threshold > 0.4 ]', 1, 24, 'Threshold condition not supported for rule type: Mean'],
  [
    'Rules = [ ColumnValues "x" > 1 with threshold > 0.4 with threshold > 0.5 ]',
    1,
    53,
    'Only one threshold condition at a time is supported.',
  ],
  ['Rules = [ ColumnValues "x" > 1 with threshold = "a" ]', 1, 47, 'The threshold must be a number condition'],
  ['Rules = [ ColumnValues "x" in ["a"] with ignoreCase > "a" ]', 1, 53, 'String tags only support the equality operator.'],
  ['Rules = [ CustomSql "x" > 1 where "a" ]', 1, 29, 'Where clause is not supported for rule type: CustomSql'],
  ['Rules = [ IsComplete "a" where "" ]', 1, 26, 'Empty where condition provided for rule type: IsComplete'],
  ['Rules = [ IsComplete "a" where x ]', 1, 32, 'Expected a quoted SQL predicate after where'],
  ['Rules = [ IsComplete "a" where "x" where "y" ]', 1, 36, 'A rule takes one where clause'],
  ['Rules = [ AllStatistics "a" ]', 1, 11, 'Analyzer Type: AllStatistics is not supported in rules section'],
  ['Analyzers = [ IsComplete "a" ]', 1, 15, 'Analyzer Type: IsComplete is not supported'],
  ['Analyzers = [ Mean "a" > 1 ]', 1, 24, 'takes no condition'],
  ['Analyzers = [ Bogus "a" ]', 1, 15, 'Analyzer Type: Bogus is not valid'],
  ['Rules = [ (RowCount > 1) and RowCount > 2 ]', 1, 30, "Expected '(' — each part of a composite rule is written in parentheses"],
  ['Rules = [ (RowCount > 1 ]', 1, 25, "Expected ')' to close the rule"],
  ['Rules = [ ((RowCount > 1) and (IsComplete "a") ]', 1, 48, "Expected ')' to close the rule"],
  ['Rules = [ DetectAnomalies "IsComplete" "a" ]', 1, 11, 'DetectAnomalies cannot watch IsComplete'],
  ['Rules = [ DetectAnomalies "Completeness" ]', 1, 11, 'Unexpected number of parameters for rule type Completeness'],
  ['Rules = [ CustomSql $missing > 0 ]', 1, 21, 'Variable $missing is not declared'],
  ['l = ["a"]\nRules = [ CustomSql $l > 0 ]', 2, 21, 'holds a list'],
  ['_x = "a"\nRules = [ RowCount > 0 ]', 1, 1, "Constant names must not start with '.' or '_'"],
  ['x = "a"\nx = "b"\nRules = [ RowCount > 0 ]', 2, 1, 'Constant x is declared twice'],
  ['Rules = [ RowCount > 0 ]\nMetadata = { "Version": "1.0" }', 2, 1, 'Metadata must come before Rules'],
  ['Rules = [ RowCount > 0 ]\nRules = [ RowCount > 1 ]', 2, 1, 'Rules is given twice'],
  ['Metadata = { "Owner": "me" }\nRules = [ RowCount > 0 ]', 1, 14, 'Unsupported key provided in Metadata section'],
  ['DataSources = { "AdditionalDataSources": "x" }\nRules = [ RowCount > 0 ]', 1, 17, 'Additional sources must be an array of values.'],
  ['DataSources = { "Secondary": "x" }\nRules = [ RowCount > 0 ]', 1, 17, 'Unsupported key provided in DataSources section'],
  ['Metadata = { "Version" "1.0" }', 1, 24, 'Expected \':\' after "Version"'],
  ['Rules = [ RowCount > 0 labels=["k"] ]', 1, 35, "Expected '=' between label key and value"],
  ['Rules = [ RowCount > 0 labels=[""="v"] ]', 1, 32, 'Label keys must be 1 to 128 characters long'],
  [`Rules = [ RowCount > 0 labels=[${Array.from({ length: 11 }, (_, i) => `"k${i}"="v"`).join(',')}] ]`, 1, 24, 'At most 10 labels'],
  ['Rules = [ RowCount > 0 ] junk', 1, 26, "but found 'junk'"],
  ['Rules = [ ColumnValues "a" = "b ]', 1, 30, 'Unterminated string'],
  ['Rules = [ RowCount > 0 ; ]', 1, 24, "Unexpected character ';'"],
  ['Rules = [ RowCount > $ ]', 1, 22, "Expected a variable name after '$'"],
  ['Rules = [ ColumnValues "a" > (now() * 2) ]', 1, 37, "Expected '+' or '-' after now()"],
  ['Rules = [ ColumnValues "a" > (now() - 2 weeks) ]', 1, 41, 'Expected a time unit: days, hours or minutes'],
  ['Rules = [ IsComplete of ]', 1, 25, "Expected a parameter after 'of'"],
];

describe('DQDL errors point at the problem', () => {
  it.each(CASES)('%j', (source, line, column, message) => {
    const e = error(source);
    expect(e.detail).toContain(message);
    expect([e.position.line, e.position.column]).toEqual([line, column]);
    expect(e.type).toBe('InvalidInputException');
    expect(e.message).toMatch(new RegExp(`^Ruleset is invalid: line ${line}, column ${column}: `));
  });
});

describe('DQDL never crashes on malformed input', () => {
  const valid = `Metadata = { "Version": "1.0" }
    s = "select count(*) from primary"
    DefaultLabels = ["a"="b"]
    Rules = [
      RowCount between (0.9 * avg(last(10))) and 1.1 * avg(last(10)),
      (ColumnValues "x" in ["a", NULL]) or ((IsComplete "y") and (Uniqueness "z" > 0.5 where "q > 1")),
      DataFreshness "d" <= 24 hours, CustomSql $s > 0 labels=["k"="v"],
      ColumnValues "t" > (now() - 1 days) with threshold > 0.9
    ]
    Analyzers = [ AllStatistics "x" ]`;

  it('every prefix either parses or throws a DqdlError', () => {
    for (let n = 0; n < valid.length; n++) {
      try {
        parseDqdl(valid.slice(0, n));
      } catch (e) {
        expect(e, `prefix of length ${n}`).toBeInstanceOf(DqdlError);
      }
    }
    expect(parseDqdl(valid).rules).toHaveLength(5);
  });

  it('every single-character deletion either parses or throws a DqdlError', () => {
    for (let n = 0; n < valid.length; n++) {
      try {
        parseDqdl(valid.slice(0, n) + valid.slice(n + 1));
      } catch (e) {
        expect(e, `deleting character ${n}`).toBeInstanceOf(DqdlError);
      }
    }
  });
});
