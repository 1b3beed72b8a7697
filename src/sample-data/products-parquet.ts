// Writes the catalogue as Parquet through the QueryEngine (the only way to DuckDB): the rows go to
// a temporary NDJSON file, the engine writes Parquet into a temporary folder, and the single
// resulting file is copied into the raw zone through the ObjectStore, so the zone may be S3.
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Services } from '../kernel/services.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { Product } from './products.js';
import type { WrittenFile } from './sink.js';

// Explicit types, so the Parquet schema does not depend on JSON type inference.
const SELECT = `SELECT
  CAST(product_id AS VARCHAR) AS product_id, CAST(sku AS VARCHAR) AS sku, CAST(name AS VARCHAR) AS name,
  CAST(category AS VARCHAR) AS category, CAST(subcategory AS VARCHAR) AS subcategory, CAST(brand AS VARCHAR) AS brand,
  CAST(unit_price AS DECIMAL(10,2)) AS unit_price, CAST(currency AS VARCHAR) AS currency,
  CAST(weight_kg AS DOUBLE) AS weight_kg, CAST(active AS BOOLEAN) AS active, CAST(created_at AS DATE) AS created_at
FROM sample_products ORDER BY product_id`;

export async function writeProductsParquet(services: Services, store: ObjectStore, key: string, products: Product[]): Promise<WrittenFile> {
  const tmpRoot = join(services.root, '.sluice', 'tmp');
  await mkdir(tmpRoot, { recursive: true });
  const tmp = await mkdtemp(join(tmpRoot, 'sample-data-'));
  const engine = await services.openEngine({ sandbox: false });
  try {
    const source = join(tmp, 'products.json');
    await writeFile(source, products.map((p) => JSON.stringify(p)).join('\n') + '\n');
    await engine.registerFiles('sample_products', { format: 'json', paths: [source] });
    const result = await engine.writeParquet(SELECT, { location: join(tmp, 'out'), compression: 'zstd', mode: 'overwrite' });
    if (result.files.length !== 1)
      throw new Error(`expected the engine to write one Parquet file for products, got ${result.files.length}`);
    const path = result.files[0].path;
    const info = await store.write(key, createReadStream(path.startsWith('file:') ? fileURLToPath(path) : path));
    return { key, rows: result.rows, bytes: info.size };
  } finally {
    await engine.close();
    await rm(tmp, { recursive: true, force: true });
  }
}
