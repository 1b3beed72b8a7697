// SQL text for the DuckDB statements the Iceberg writer hands the engine.

/** A double-quoted identifier. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A string literal. */
export const str = (s: string) => `'${s.replaceAll("'", "''")}'`;
