// Crawler: 100,000 small CSV files in 1,000 partition folders (dt=…), crawled cold, then
// incrementally (CRAWL_NEW_FOLDERS_ONLY) after 10 new folders arrive.
//   npm run bench crawler            (FOLDERS=1000 FILES=100 NEW=10 SAMPLE=<unset> to change)
// Each crawl runs in a fresh child process, so its peak memory (maxRSS) is the crawl's alone.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initProject } from '../src/config/project.js';
import { openSluice } from '../src/config/compose.js';
import { crawlInProcess } from '../test/helpers/crawls.js';

const FOLDERS = Number(process.env.FOLDERS ?? 1000);
const FILES = Number(process.env.FILES ?? 100);
const NEW = Number(process.env.NEW ?? 10);
const SAMPLE = process.env.SAMPLE ? Number(process.env.SAMPLE) : undefined;

function writeFolders(root: string, from: number, to: number): number {
  let n = 0;
  for (let f = from; f < to; f++) {
    const dir = join(root, 'lake', 'events', `dt=${String(f).padStart(5, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < FILES; i++, n++) {
      writeFileSync(
        join(dir, `part-${String(i).padStart(4, '0')}.csv`),
        `event_id,user,amount,ok\n${f * FILES + i},u${i % 97},${(i * 1.25).toFixed(2)},true\n${i},v${f},3,false\n`,
      );
    }
  }
  return n;
}

/** The child: one crawl of the project, reported as JSON on stdout. */
async function child(dir: string): Promise<void> {
  const sluice = await openSluice({ cwd: dir });
  const t = performance.now();
  const record = await crawlInProcess(sluice, 'bench');
  const seconds = (performance.now() - t) / 1000;
  await sluice.close();
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({
      seconds,
      maxRssMb,
      state: record.state,
      read: record.progress.filesRead,
      listed: record.progress.filesListed,
      counts: record.counts,
    }),
  );
}

function crawlInChild(dir: string) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, CRAWL_BENCH_CHILD: dir },
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.slice(out.indexOf('{')));
}

export default async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-crawl-bench-'));
  try {
    initProject(dir);
    let t = performance.now();
    const files = writeFolders(dir, 0, FOLDERS);
    console.log(`wrote ${files.toLocaleString('en-US')} files in ${FOLDERS} folders in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const sluice = await openSluice({ cwd: dir });
    await sluice.call('CreateCrawler', {
      Name: 'bench',
      Role: 'r',
      DatabaseName: 'bench',
      Targets: { S3Targets: [{ Path: 'lake/events', SampleSize: SAMPLE }] },
      RecrawlPolicy: { RecrawlBehavior: 'CRAWL_NEW_FOLDERS_ONLY' },
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
    });
    await sluice.close();
    const cold = crawlInChild(dir);
    console.log(
      `cold crawl:        ${cold.seconds.toFixed(2)} s, ${Math.round(files / cold.seconds).toLocaleString('en-US')} files/s, ${cold.read} files read, peak ${cold.maxRssMb.toFixed(0)} MB, ${cold.state}, ${JSON.stringify(cold.counts)}`,
    );
    t = performance.now();
    const added = writeFolders(dir, FOLDERS, FOLDERS + NEW);
    const inc = crawlInChild(dir);
    console.log(
      `incremental crawl: ${inc.seconds.toFixed(2)} s (${added} new files in ${NEW} folders), ${inc.read} files read, peak ${inc.maxRssMb.toFixed(0)} MB, ${inc.state}, ${JSON.stringify(inc.counts)}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.CRAWL_BENCH_CHILD) await child(process.env.CRAWL_BENCH_CHILD);
