// Column names resolve case-insensitively, as in Glue, Spark and the Hive SerDes: the catalog stores
// `us gross` for a file's `US Gross`, and a rule or script may write either. An exact match wins, so
// two columns that differ only in case stay reachable.

/** The column called name: the one spelled exactly so, else the first whose name differs only in case. */
export function findColumn<C extends { name: string }>(columns: readonly C[], name: string): C | undefined {
  const lower = name.toLowerCase();
  return columns.find((c) => c.name === name) ?? columns.find((c) => c.name.toLowerCase() === lower);
}

/** Whether two column names denote the same column. */
export const sameColumnName = (a: string, b: string) => a === b || a.toLowerCase() === b.toLowerCase();
