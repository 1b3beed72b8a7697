// Runs the benchmarks: `npm run bench [name …] [-- args]`, where name is a bench/<name>.bench.ts file
// (all of them when none is given). A benchmark either runs when imported (top-level await) or
// default-exports `async (args: string[]) => void`; either way it prints its own report.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const names = split < 0 ? argv : argv.slice(0, split);
const args = split < 0 ? [] : argv.slice(split + 1);
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`unknown benchmark ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
// Benchmarks that run on import read their arguments from process.argv: show them only theirs.
process.argv = [process.argv[0], process.argv[1], ...args];
for (const name of names.length ? names : available) {
  console.log(`\n# ${name}`);
  const mod = (await import(pathToFileURL(join(dir, `${name}.bench.ts`)).href)) as { default?: unknown };
  if (typeof mod.default === 'function') await (mod.default as (args: string[]) => Promise<void>)(args);
}
