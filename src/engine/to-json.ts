// DuckDB values as plain JSON values, so callers (CLI, HTTP, data quality) never see DuckDB's value
// classes or bigints: BIGINT is a number when it fits a double exactly, else a string; dates and
// timestamps are ISO-8601 strings; structs, lists and maps are objects and arrays.
import {
  DuckDBTypeId,
  arrayFromArrayValue,
  arrayFromListValue,
  booleanFromValue,
  createDuckDBValueConverter,
  fromVariantValue,
  nullConverter,
  numberFromValue,
  objectArrayFromMapValue,
  objectFromStructValue,
  objectFromUnionValue,
  stringFromValue,
  type DuckDBDecimalType,
  type DuckDBBlobValue,
  type DuckDBDecimalValue,
  type DuckDBValue,
  type DuckDBValueConverter,
} from '@duckdb/node-api';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
// The library's converter type ties every member's output to one T; any keeps the table below readable.
type Converter = DuckDBValueConverter<any>;

function integer(value: DuckDBValue): JsonValue {
  const n = value as bigint;
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n.toString();
}

/** A double holds 15 significant digits exactly; wider decimals stay strings so no digit is lost. */
const decimal: Converter = (value, type) =>
  (type as DuckDBDecimalType).width <= 15 ? (value as DuckDBDecimalValue).toDouble() : String(value);

/** "2024-01-02 03:04:05.5" → "2024-01-02T03:04:05.5"; with a zone, "+00" becomes "Z". */
function isoTimestamp(value: DuckDBValue): JsonValue {
  const text = String(value);
  const m = /^(-?\d{4,}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?)(.*)$/.exec(text);
  if (!m) return text; // infinity, -infinity
  const zone = m[3] === '+00' || m[3] === '+00:00' ? 'Z' : m[3];
  return `${m[1]}T${m[2]}${zone}`;
}

const float: Converter = (value) => {
  const n = numberFromValue(value);
  // JSON has no NaN or Infinity.
  return Number.isFinite(n) ? n : String(n);
};

const map: Converter = (value, type, convert) => {
  const entries = objectArrayFromMapValue(value, type, convert);
  // Maps with text or number keys read best as objects; other keys keep DuckDB's entry list.
  if (entries.every((e) => typeof e.key === 'string' || typeof e.key === 'number')) {
    return Object.fromEntries(entries.map((e) => [String(e.key), e.value]));
  }
  return entries as unknown as JsonValue;
};

const blob: Converter = (value) => Buffer.from((value as DuckDBBlobValue).bytes).toString('base64');

const byType: Partial<Record<DuckDBTypeId, Converter>> = {
  [DuckDBTypeId.BOOLEAN]: booleanFromValue,
  [DuckDBTypeId.TINYINT]: numberFromValue,
  [DuckDBTypeId.SMALLINT]: numberFromValue,
  [DuckDBTypeId.INTEGER]: numberFromValue,
  [DuckDBTypeId.UTINYINT]: numberFromValue,
  [DuckDBTypeId.USMALLINT]: numberFromValue,
  [DuckDBTypeId.UINTEGER]: numberFromValue,
  [DuckDBTypeId.BIGINT]: integer,
  [DuckDBTypeId.UBIGINT]: integer,
  [DuckDBTypeId.HUGEINT]: integer,
  [DuckDBTypeId.UHUGEINT]: integer,
  [DuckDBTypeId.BIGNUM]: integer,
  [DuckDBTypeId.FLOAT]: float,
  [DuckDBTypeId.DOUBLE]: float,
  [DuckDBTypeId.DECIMAL]: decimal,
  [DuckDBTypeId.VARCHAR]: stringFromValue,
  [DuckDBTypeId.ENUM]: stringFromValue,
  [DuckDBTypeId.UUID]: stringFromValue,
  [DuckDBTypeId.DATE]: stringFromValue,
  [DuckDBTypeId.TIME]: stringFromValue,
  [DuckDBTypeId.TIME_NS]: stringFromValue,
  [DuckDBTypeId.TIME_TZ]: stringFromValue,
  [DuckDBTypeId.TIMESTAMP]: isoTimestamp,
  [DuckDBTypeId.TIMESTAMP_S]: isoTimestamp,
  [DuckDBTypeId.TIMESTAMP_MS]: isoTimestamp,
  [DuckDBTypeId.TIMESTAMP_NS]: isoTimestamp,
  [DuckDBTypeId.TIMESTAMP_TZ]: isoTimestamp,
  [DuckDBTypeId.INTERVAL]: stringFromValue,
  [DuckDBTypeId.BLOB]: blob,
  [DuckDBTypeId.BIT]: stringFromValue,
  [DuckDBTypeId.GEOMETRY]: stringFromValue,
  [DuckDBTypeId.LIST]: arrayFromListValue as Converter,
  [DuckDBTypeId.ARRAY]: arrayFromArrayValue as Converter,
  [DuckDBTypeId.STRUCT]: objectFromStructValue as Converter,
  [DuckDBTypeId.MAP]: map,
  [DuckDBTypeId.UNION]: objectFromUnionValue as unknown as Converter,
  [DuckDBTypeId.VARIANT]: fromVariantValue as Converter,
  [DuckDBTypeId.SQLNULL]: nullConverter,
};

export const jsonConverter: DuckDBValueConverter<JsonValue> = createDuckDBValueConverter(
  byType as Record<DuckDBTypeId, Converter | undefined>,
);
