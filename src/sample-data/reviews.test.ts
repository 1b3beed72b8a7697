// The reviews CSV must survive commas, doubled quotes and line breaks inside fields: read back with
// an independent RFC 4180 reader and with DuckDB through the QueryEngine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSampleProject, parseCsv, tolerance, type SampleProject } from '../../test/helpers/sample-data.js';
import { REVIEW_DEFECT_RATES, REVIEW_TEXT_RATES } from './defects.js';
import { REVIEW_COLUMNS } from './reviews.js';

let p: SampleProject;
let rows: string[][];

beforeAll(async () => {
  p = await openSampleProject({ seed: 3, datasets: ['reviews'] });
  rows = parseCsv(await p.text('reviews/reviews.csv'));
});
afterAll(() => p?.cleanup());

describe('reviews', () => {
  it('parses back to a header and rows of equal width', () => {
    expect(rows[0]).toEqual(REVIEW_COLUMNS);
    expect(rows.length - 1).toBe(1500);
    expect(rows.every((r) => r.length === REVIEW_COLUMNS.length)).toBe(true);
    const ratings = new Set(rows.slice(1).map((r) => r[3]));
    expect(ratings).toEqual(new Set(['1', '2', '3', '4', '5']));
    expect(rows.slice(1).every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[6]))).toBe(true);
  });

  it('puts line breaks, quotes and commas inside text fields at the documented rates', () => {
    const texts = rows.slice(1).map((r) => r[5]);
    const n = texts.length;
    const multi = texts.filter((t) => t.includes('\n')).length / n;
    const quoted = texts.filter((t) => t.includes('"')).length / n;
    expect(Math.abs(multi - REVIEW_TEXT_RATES.multiLine)).toBeLessThan(tolerance(REVIEW_TEXT_RATES.multiLine, n));
    expect(Math.abs(quoted - REVIEW_TEXT_RATES.quoted)).toBeLessThan(tolerance(REVIEW_TEXT_RATES.quoted, n));
    expect(texts.every((t) => t.includes(','))).toBe(true);
    const noTitle = rows.slice(1).filter((r) => r[4] === '').length / n;
    expect(Math.abs(noTitle - REVIEW_DEFECT_RATES.missingTitle)).toBeLessThan(tolerance(REVIEW_DEFECT_RATES.missingTitle, n));
  });

  it('reads back identically with DuckDB', async () => {
    const engine = await p.sluice.services.openEngine({ sandbox: false });
    try {
      await engine.registerFiles('reviews', {
        format: 'csv',
        paths: [p.store.localPath(`${p.raw}reviews/reviews.csv`)!],
        options: { header: true },
      });
      const { rows: db } = await engine.query('SELECT review_id, review_text, rating FROM reviews ORDER BY review_id');
      expect(db).toHaveLength(rows.length - 1);
      expect(db.map((r) => r.review_text)).toEqual(rows.slice(1).map((r) => r[5]));
      expect(db.map((r) => Number(r.rating))).toEqual(rows.slice(1).map((r) => Number(r[3])));
    } finally {
      await engine.close();
    }
  });
});
