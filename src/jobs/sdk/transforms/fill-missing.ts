// FillMissingValues. Glue imputes with a trained model; Sluice fills from the column itself: the
// mean for numbers (rounded for integers), the most frequent value otherwise. Nulls and empty
// strings are missing; the filled values go to outputColumn and the original column is kept.
import { findColumn } from '../../../kernel/column-names.js';
import { invalidInput } from '../../../kernel/errors.js';
import type { Frame } from '../frame.js';
import { ident } from '../sql.js';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|FLOAT|DOUBLE|DECIMAL.*|U.*INT)$/i;
const INTEGRAL = /INT$/i;

export async function fillMissingValues(frame: Frame, column: string, outputColumn = `${column}_filled`): Promise<Frame> {
  const col = findColumn(await frame.schema(), column);
  if (!col) throw invalidInput(`FillMissingValues: the frame has no field ${column}`);
  const c = ident(col.name);
  const missing = col.type === 'VARCHAR' ? `(${c} IS NULL OR ${c} = '')` : `${c} IS NULL`;
  let fill: string;
  if (NUMERIC.test(col.type)) {
    const mean = `(SELECT avg(${c}) FROM ${frame.sqlName})`;
    fill = INTEGRAL.test(col.type) ? `CAST(round(${mean}) AS ${col.type})` : `CAST(${mean} AS ${col.type})`;
  } else {
    fill = `(SELECT mode(${c}) FROM ${frame.sqlName} WHERE NOT ${missing})`;
  }
  const expr = `CASE WHEN ${missing} THEN ${fill} ELSE ${c} END`;
  return frame.withColumn(outputColumn, expr);
}
