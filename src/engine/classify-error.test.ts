import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SluiceError } from '../kernel/errors.js';
import { engineProject, type EngineProject } from '../../test/helpers/engine-project.js';
import { expectGlueError } from '../../test/helpers/expect-error.js';
import { classifyDuckDBError, parseDuckDBError } from './classify-error.js';
import type { QueryEngine } from './query-engine.js';

let p: EngineProject;
let engine: QueryEngine;
beforeAll(async () => {
  p = engineProject();
  engine = await p.engine();
});
afterAll(() => p.cleanup());

describe('DuckDB errors from real queries', () => {
  it.each([
    ['SELEC 1', /^Parser Error: syntax error at or near "SELEC" at line 1, column 1$/],
    ['SELECT 1;\nSELECT * FRM t', /^Parser Error: syntax error at or near "t" at line 2, column 14$/],
    ['SELECT * FROM orders', /^Catalog Error: Table with name orders does not exist!/],
    ['SELECT nosuch FROM (SELECT 1 AS a)', /^Binder Error: Referenced column "nosuch" not found in FROM clause! Candidate bindings: "a"$/],
    [`SELECT 'abc'::INTEGER`, /^Conversion Error: Could not convert string 'abc' to INT32$/],
    [`SELECT error('custom failure')`, /^Invalid Input Error: custom failure$/],
  ])('%s is an InvalidInputException with a one-line message naming the problem', async (sql, message) => {
    const err = await expectGlueError(engine.query(sql), 'InvalidInputException', message);
    expect(err.message).not.toMatch(/\n|LINE 1/);
    expect(err.cause).toBeInstanceOf(Error);
  });

  it('a CSV record error names the file and the line, without DuckDB\'s dialect dump and "Possible fixes"', async () => {
    const file = p.file('short.csv', 'a,b,c\n1,2,3\n4,5\n');
    const sql = `SELECT * FROM read_csv('${file}', auto_detect = false, header = true, delim = ',', columns = {'a': 'INT', 'b': 'INT', 'c': 'INT'})`;
    const err = await expectGlueError(
      engine.query(sql),
      'InvalidInputException',
      /short\.csv line 3: Expected Number of Columns: 3 Found: 2$/,
    );
    expect(err.message).not.toMatch(/Possible fixes|delimiter =/);
  });

  it('a missing file is EntityNotFoundException naming the pattern', async () => {
    await expectGlueError(engine.query(`SELECT * FROM read_csv('/nonexistent/x.csv')`), 'EntityNotFoundException', /\/nonexistent\/x\.csv/);
  });
});

describe('classifyDuckDBError', () => {
  it('makes faults of the engine itself InternalServiceException, keeping the cause', () => {
    const cause = new Error('INTERNAL Error: Attempted to access index 3 within vector of size 3');
    const err = classifyDuckDBError(cause);
    expect(err.type).toBe('InternalServiceException');
    expect(err.cause).toBe(cause);
    expect(classifyDuckDBError(new Error('IO Error: Could not write file "x": No space left on device')).type).toBe(
      'InternalServiceException',
    );
    expect(classifyDuckDBError(new Error('Out of Memory Error: could not allocate block')).type).toBe('InternalServiceException');
  });

  it('passes SluiceErrors through and prefixes the context', () => {
    const original = new SluiceError('EntityNotFoundException', 'gone');
    expect(classifyDuckDBError(original)).toBe(original);
    expect(classifyDuckDBError(new Error('Binder Error: x'), 'Reading t').message).toBe('Reading t: Binder Error: x');
  });

  it('joins hint lines and drops the SQL excerpt', () => {
    expect(
      parseDuckDBError('Catalog Error: Table x does not exist!\nDid you mean "y"?\n\nLINE 1: select * from x\n              ^'),
    ).toEqual({
      kind: 'Catalog',
      text: 'Catalog Error: Table x does not exist! Did you mean "y"?',
    });
    expect(parseDuckDBError('something odd')).toEqual({ text: 'something odd' });
    // What referencedTables sees: the parser's message wrapped, the position kept.
    expect(parseDuckDBError('Failed to extract statements: Parser Error: syntax error at end of input')).toEqual({
      kind: 'Parser',
      text: 'Parser Error: syntax error at end of input',
    });
    const long =
      'Parser Error: syntax error at or near "t"\n\nLINE 1: ..., a58, a59 FRM t WHERE x = 1 AND b3 =...\n                              ^';
    expect(parseDuckDBError(long).text).toMatch(/^Parser Error: syntax error at or near "t" at line 1, near "a58, a59 FRM t WHERE x = 1/);
  });
});

describe('file contents in DuckDB errors', () => {
  it('never echoes a line or a value of the file read, only its name and the column', () => {
    const duck =
      'Conversion Error: CSV Error on Line: 1\nOriginal Line: root:x:0:0:root:/root:/bin/bash\nError when converting column "a". Could not convert string "root:x:0:0:root:/root:/bin/bash" to \'INTEGER\'\n\nColumn a is being converted as type INTEGER\n  file = /etc/passwd\n  delimiter = | (Auto-Detected)\nHeader mismatch at position: 0 Expected name: "a", Actual name: "root:x:0:0:root:/root:/bin/bash".';
    const e = classifyDuckDBError(new Error(duck));
    expect(e.type).toBe('InvalidInputException');
    expect(e.message).not.toContain('root:x');
    expect(e.message).toBe(
      'Conversion Error: /etc/passwd line 1: Error when converting column "a". Could not convert a value to \'INTEGER\'',
    );
  });
});
