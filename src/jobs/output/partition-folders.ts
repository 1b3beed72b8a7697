// Hive-style partition folders (k1=v1/k2=v2/file.parquet) as written by DuckDB's PARTITION_BY.
const HIVE_NULL = '__HIVE_DEFAULT_PARTITION__';

/** The folder of a file's partition ('k1=v1/k2=v2') and its values, for `keys` partition keys. */
export function partitionOf(relPath: string, keys: string[]): { folder: string; values: string[] } | undefined {
  const segments = relPath.split('/').slice(0, keys.length);
  if (segments.length < keys.length) return undefined;
  const values: string[] = [];
  for (const [i, s] of segments.entries()) {
    const eq = s.indexOf('=');
    if (eq < 0 || s.slice(0, eq) !== keys[i]) return undefined;
    const raw = s.slice(eq + 1);
    values.push(raw === 'NULL' ? HIVE_NULL : safeDecode(raw));
  }
  return { folder: segments.join('/'), values };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
