// `import { openSluice } from 'sluice'` from the package as npm would install it: a copy of the
// clone is packed (`npm pack`, whose prepack runs `npm run build`), the tarball is installed into an
// empty folder, and there a script opens a project and calls GetDatabases, the installed `sluice`
// command answers, and `tsc --noEmit` checks a TypeScript file (and the README's example) against the
// package's types.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const base = mkdtempSync(join(tmpdir(), 'sluice-package-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const NPM = 'npm';
function run(cmd: string, args: string[], cwd: string, options: SpawnSyncOptions = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 400_000, ...options });
  const out = { status: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
  if (out.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${out.status}:\n${out.stdout}\n${out.stderr}`);
  return out;
}

/** What `npm pack` reads, copied so that building does not touch the clone's own dist/ or web/dist. */
function copyOfClone(): string {
  const pkg = join(base, 'pkg');
  mkdirSync(pkg);
  for (const f of [
    'package.json',
    'package-lock.json',
    'README.md',
    'tsconfig.json',
    'tsconfig.build.json',
    'bin',
    'src',
    'templates',
    'scripts',
    'docs',
  ])
    cpSync(join(ROOT, f), join(pkg, f), { recursive: true });
  for (const f of ['src', 'index.html', 'vite.config.ts', 'tsconfig.json'])
    cpSync(join(ROOT, 'web', f), join(pkg, 'web', f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(pkg, 'node_modules'));
  return pkg;
}

const SCRIPT = `import { initProject, openSluice, SluiceError } from 'sluice';
initProject('shop');
const sluice = await openSluice({ cwd: 'shop' });
await sluice.call('CreateDatabase', { DatabaseInput: { Name: 'raw', Description: 'from the package' } });
const { DatabaseList } = await sluice.call('GetDatabases', {});
let missing;
try {
  await sluice.call('GetDatabase', { Name: 'nope' });
} catch (e) {
  missing = e instanceof SluiceError ? e.type : String(e);
}
await sluice.close();
console.log(JSON.stringify({ databases: DatabaseList.map((d) => [d.Name, d.Description]), missing }));
`;

const TYPED = `import { openSluice, SluiceError, type Database, type Sluice } from 'sluice';
import type { GlueContext } from 'sluice/job';

const sluice: Sluice = await openSluice({ cwd: 'shop' });
const { DatabaseList } = await sluice.call('GetDatabases', {});
const first: Database = DatabaseList[0];
// @ts-expect-error the model types the response: DatabaseList holds Databases, not numbers
const wrong: number[] = DatabaseList;
const table = await sluice.call('GetTable', { DatabaseName: 'raw', Name: 'orders' });
const location: string | undefined = table.Table?.StorageDescriptor?.Location;
const error: string = new SluiceError('EntityNotFoundException', 'x').type;
export const job = async (glue: GlueContext) => (await glue.fromCatalog({ database: 'raw', table: 'orders' })).count();
console.log(first, wrong, location, error);
await sluice.close();
`;

describe('the npm package', () => {
  it('installs from npm pack into an empty folder, imports openSluice, calls GetDatabases, and has types', () => {
    const pkg = copyOfClone();
    run(NPM, ['pack', '--pack-destination', base], pkg);
    const tarball = join(base, `sluice-${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}.tgz`);
    expect(existsSync(tarball)).toBe(true);

    const app = join(base, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    // Install scripts off: better-sqlite3's would download a prebuilt binary from GitHub, or compile
    // SQLite for minutes where it cannot; the clone's binary is the same version (checked) and is
    // copied in. Everything else the package needs comes from the registry (the npm cache first).
    const install = run(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], app);
    expect(install.stderr).not.toMatch(/EBADENGINE/);
    const sqlite = (dir: string) => join(dir, 'node_modules', 'better-sqlite3');
    const version = (dir: string) => JSON.parse(readFileSync(join(sqlite(dir), 'package.json'), 'utf8')).version;
    expect(version(app)).toBe(version(ROOT));
    mkdirSync(join(sqlite(app), 'build', 'Release'), { recursive: true });
    copyFileSync(
      join(sqlite(ROOT), 'build', 'Release', 'better_sqlite3.node'),
      join(sqlite(app), 'build', 'Release', 'better_sqlite3.node'),
    );
    // Only what `files` lists is in the package: no sources, no tests.
    const installed = join(app, 'node_modules', 'sluice');
    expect(existsSync(join(installed, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(installed, 'web', 'dist', 'index.html'))).toBe(true);
    expect(existsSync(join(installed, 'src'))).toBe(false);

    writeFileSync(join(app, 'check.mjs'), SCRIPT);
    const out = run(process.execPath, ['check.mjs'], app);
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toEqual({ databases: [['raw', 'from the package']], missing: 'EntityNotFoundException' });

    // The installed command runs the compiled CLI on the same project.
    const cli = run(process.execPath, [join(installed, 'bin', 'sluice.js'), 'glue', 'get-database', '--name', 'raw'], join(app, 'shop'));
    expect(JSON.parse(cli.stdout).Database.Name).toBe('raw');

    writeFileSync(join(app, 'typed.ts'), TYPED);
    // The README's example type-checks against the installed package too.
    const readme = /## From TypeScript\n+```ts\n([\s\S]*?)\n```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    writeFileSync(join(app, 'readme.ts'), `${readme![1]}\nexport {};\n`);
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          types: ['node'],
        },
        files: ['typed.ts', 'readme.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 600_000);
});
