// Lands one more day of e-commerce data in the raw zone, as the seeds' source systems would: the
// last day's order files and FX rates, shifted a day later, with new order ids (so every new order
// is new downstream, duplicates within the day stay duplicates). The demo uses it to show the
// workflow picking up only new files; the end-to-end tests drop it on a running server.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Services } from '../../kernel/services.js';
import { resolveLocation } from '../../config/locations.js';
import { folderOf } from '../../storage/keys.js';

export interface LandedDay {
  day: string;
  files: string[];
  /** Order lines written, and the distinct new order ids among them. */
  lines: number;
  orderIds: string[];
}

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function shiftTimestamp(ts: unknown): unknown {
  if (typeof ts === 'number') return ts + DAY / 1000;
  if (typeof ts !== 'string') return ts;
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}:\d{2})$/.exec(ts);
  if (dmy) {
    const d = new Date(Date.parse(`${dmy[3]}-${dmy[2]}-${dmy[1]}T00:00:00Z`) + DAY);
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()} ${dmy[4]}`;
  }
  const t = Date.parse(ts);
  return Number.isNaN(t) ? ts : new Date(t + DAY).toISOString().replace('.000Z', 'Z');
}

export async function landNextDay(services: Services): Promise<LandedDay> {
  const { store, key } = services.storage.resolve(resolveLocation(services.root, services.config.zones.raw));
  const raw = folderOf(key);
  const days = new Set<string>();
  for await (const o of store.list(`${raw}orders/incoming/`)) {
    const m = /incoming\/(\d{4})\/(\d{2})\/(\d{2})\//.exec(o.key);
    if (m) days.add(`${m[1]}-${m[2]}-${m[3]}`);
  }
  const last = [...days].sort().at(-1);
  if (!last) throw new Error('There are no orders in the raw zone to follow; run `sluice sample-data` first.');
  const day = iso(Date.parse(`${last}T00:00:00Z`) + DAY);
  const [from, to] = [last, day].map((d) => `${raw}orders/incoming/${d.replaceAll('-', '/')}/`);
  const out: LandedDay = { day, files: [], lines: 0, orderIds: [] };
  const ids = new Set<string>();
  for await (const o of store.list(from)) {
    const lines = gunzipSync(await store.readBytes(o.key))
      .toString('utf8')
      .split('\n')
      .filter(Boolean);
    const shifted = lines.map((l) => {
      const order = JSON.parse(l);
      order.order_id = String(order.order_id).replace(/^ORD-/, `ORD-${day.replaceAll('-', '')}-`);
      order.order_ts = shiftTimestamp(order.order_ts);
      ids.add(order.order_id);
      return JSON.stringify(order);
    });
    const target = `${to}${o.key.slice(from.length)}`;
    await store.write(target, gzipSync(`${shifted.join('\n')}\n`));
    out.files.push(store.urlOf(target));
    out.lines += lines.length;
  }
  const fx = await store.stat(`${raw}fx_rates/${last}.json`);
  if (fx) {
    const text = (await store.readBytes(fx.key)).toString('utf8').replaceAll(`"${last}T`, `"${day}T`);
    await store.write(`${raw}fx_rates/${day}.json`, text);
    out.files.push(store.urlOf(`${raw}fx_rates/${day}.json`));
  }
  out.orderIds = [...ids].sort();
  return out;
}
