// Child process for the killed-writer conformance test: opens the store described by argv[2], stages
// objects (through write() and localDir()), then starts an endless write() of a large object and
// prints 'writing' once a good part of it is under way. The parent then kills it with SIGKILL.
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openStoreFromSpec, type StoreSpec } from './object-store-backends.js';

const spec = JSON.parse(process.argv[2]) as StoreSpec;
const store = openStoreFromSpec(spec);

const staged = await store.stage('out');
await staged.write('a.csv', 'id\n1\n');
const dir = await staged.localDir();
mkdirSync(join(dir, 'dt=2024-01-01'), { recursive: true });
writeFileSync(join(dir, 'dt=2024-01-01', 'part-0.parquet'), Buffer.alloc(1024, 1));

// 1 MiB chunks; after 12 of them the S3 store is sending its 5 MiB multipart parts.
const chunk = Buffer.alloc(1024 * 1024, 7);
let sent = 0;
const endless = new Readable({
  read() {
    sent++;
    if (sent === 12) process.stdout.write('writing\n');
    setTimeout(() => this.push(chunk), sent < 12 ? 0 : 20);
  },
});
await store.write('big.bin', endless);
