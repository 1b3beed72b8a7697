// Table names and partition keys. A table is named after its folder (or its file, `data.csv` →
// `data_csv`), lower-cased, with every character other than a-z, 0-9 and _ replaced by _, the
// TablePrefix in front, 128 characters at most; a name already used for another location gets a
// hash of the location appended. Partition levels named key=value give key `key`; others
// partition_0, partition_1, … by depth.
import { createHash } from 'node:crypto';
import type { TableGroup } from './grouping.js';
import type { Unit } from './units.js';

const MAX_NAME = 128;

export const sanitizeName = (s: string) => s.toLowerCase().replace(/[^a-z0-9_]/g, '_');

export function baseName(group: TableGroup, includeName: string): string {
  if (group.single) return sanitizeName(group.root.slice(group.root.lastIndexOf('/') + 1));
  const segments = (group.nameRoot ?? group.root).split('/').filter(Boolean);
  return sanitizeName(segments.length ? segments[segments.length - 1] : includeName);
}

export const locationHash = (location: string) => createHash('sha1').update(location).digest('hex').slice(0, 8);

export function withPrefix(prefix: string | undefined, name: string, hash?: string): string {
  const suffix = hash ? `_${hash}` : '';
  const head = sanitizeName(prefix ?? '');
  return (head + name).slice(0, MAX_NAME - suffix.length) + suffix;
}

export interface PartitionLayout {
  keys: string[];
  partitions: { values: string[]; unit: Unit }[];
}

const HIVE = /^([^=]+)=(.*)$/;

function decode(v: string): string {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
}

export function partitionLayout(group: TableGroup): PartitionLayout {
  if (group.depth === 0) return { keys: [], partitions: [] };
  const segments = group.units.map((u) => u.folder.slice(group.root.length).split('/').slice(0, group.depth));
  const keys: string[] = [];
  const hive: boolean[] = [];
  for (let j = 0; j < group.depth; j++) {
    const names = segments.map((s) => HIVE.exec(s[j])?.[1]?.toLowerCase());
    const name = names[0] !== undefined && names.every((n) => n === names[0]) ? sanitizeName(names[0]) : undefined;
    const usable = name !== undefined && !keys.includes(name);
    keys.push(usable ? name : `partition_${j}`);
    hive.push(usable);
  }
  return {
    keys,
    partitions: group.units.map((unit, i) => ({
      unit,
      values: segments[i].map((s, j) => (hive[j] ? decode(HIVE.exec(s)![2]) : s)),
    })),
  };
}
