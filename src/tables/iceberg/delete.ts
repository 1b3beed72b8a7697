// Delete by filter, copy-on-write: a data file without matching rows is kept, one whose rows all
// match is removed, and one with some is rewritten without them (the new file replaces it in the
// same snapshot). Files are read by field id, so the filter names the current schema's columns.
import type { QueryEngine } from '../../engine/query-engine.js';
import type { Storage } from '../../storage/storage.js';
import type { MetadataPointer } from './commit.js';
import { liveFiles } from './files.js';
import { selectSnapshot } from './metadata.js';
import { duckdbType } from './schema.js';
import { commitSnapshot, writeDataFiles, type WriteOutcome } from './write.js';

/** Deletes the rows for which filter (DuckDB SQL over the table's columns) is true. */
export async function deleteWhere(
  ctx: { storage: Storage; engine: QueryEngine },
  pointer: MetadataPointer,
  filter: string,
): Promise<WriteOutcome & { deleted: number }> {
  let deleted = 0;
  const outcome = await commitSnapshot(ctx, pointer, 'delete', async ({ first, schema, spec, files }) => {
    const columns = schema.fields.map((f) => ({ name: f.name, type: duckdbType(f.type), fieldId: f.id }));
    const removes = new Set<string>();
    const keep: string[] = [];
    const live = await liveFiles(ctx.storage, selectSnapshot(first));
    for (const [i, f] of live.entries()) {
      const path = f.entry.data_file.file_path;
      await ctx.engine.registerFiles(`__sluice_delete_${i}`, { format: 'parquet', paths: [path], columns });
      const { rows } = await ctx.engine.query(
        `SELECT count(*) FILTER (WHERE (${filter})) AS hit, count(*) AS total FROM __sluice_delete_${i}`,
      );
      const hit = Number(rows[0].hit);
      if (!hit) continue;
      deleted += hit;
      removes.add(path);
      // A row whose filter is NULL does not match, as in SQL's DELETE.
      if (hit < Number(rows[0].total)) keep.push(`SELECT * FROM __sluice_delete_${i} WHERE NOT coalesce((${filter}), false)`);
    }
    const dataFiles = keep.length ? await writeDataFiles(ctx, files, schema, spec, keep.join(' UNION ALL ')) : [];
    return { dataFiles, removes };
  });
  return { ...outcome, deleted };
}
