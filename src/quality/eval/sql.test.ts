import { describe, expect, it } from 'vitest';
import { formatDouble, quotePrimary, toNumber } from './sql.js';

describe('quotePrimary', () => {
  it('quotes the bare word primary in any case, and nothing inside strings, quoted names, comments or qualified names', () => {
    expect(quotePrimary('select count(*) from primary')).toBe('select count(*) from "primary"');
    expect(quotePrimary('SELECT * FROM Primary p JOIN PRIMARY q ON true')).toBe('SELECT * FROM "primary" p JOIN "primary" q ON true');
    expect(quotePrimary('select \'primary\', "primary" from primary -- primary\n')).toBe(
      'select \'primary\', "primary" from "primary" -- primary\n',
    );
    expect(quotePrimary("select 'it''s primary' from x.primary, primary.y, primary_key")).toBe(
      "select 'it''s primary' from x.primary, primary.y, primary_key",
    );
  });
});

describe('formatDouble and toNumber', () => {
  it('print doubles as the reference does and read DuckDB values as numbers', () => {
    expect([formatDouble(3), formatDouble(0.5), formatDouble(-2), formatDouble(1e7), formatDouble(NaN)]).toEqual([
      '3.0',
      '0.5',
      '-2.0',
      '10000000',
      'NaN',
    ]);
    expect([toNumber('12'), toNumber(3n), toNumber(null), toNumber('x'), toNumber(true)]).toEqual([12, 3, undefined, undefined, 1]);
  });
});
