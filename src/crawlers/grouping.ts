// Which folders become one table. Starting at the include path and going down, a folder is one
// table (its subfolders its partitions) when all its data sits at the same depth below it, in one
// format and compression, and the schemas are similar: greedily clustered by shared column names
// (Jaccard ≥ 0.7 against the cluster's union), at most 5 clusters and the largest holding ≥ 70 % of
// the leaf folders (Glue's "partition threshold"). CombineCompatibleSchemas skips the similarity
// test; TableLevelConfiguration puts tables at a fixed folder level instead.
import type { Unit } from './units.js';

export interface TableGroup {
  /** The table's folder relative to the include path ('' for the include path), or its single file. */
  root: string;
  /** The folder the table is named after, when leading folders were folded into root. */
  nameRoot?: string;
  units: Unit[];
  /** Folder levels between the table's root and its data: the number of partition keys. */
  depth: number;
  single?: boolean;
}

export interface GroupingOptions {
  combineCompatibleSchemas: boolean;
  /** Absolute level tables sit at (1 = the bucket or the filesystem root's first folder). */
  tableLevel?: number;
  /** The absolute level of the include path's folder. */
  includeLevel: number;
  /** Units already given to existing tables: they shape the tree but are not grouped again. */
  claimed?: Set<Unit>;
}

export interface Grouping {
  groups: TableGroup[];
  /** Units left out of a TableLevelConfiguration table because their format differs from it. */
  misfits: { unit: Unit; reason: string }[];
}

const SIMILAR = 0.7;
const SHARE = 0.7;
const MAX_CLUSTERS = 5;

interface Node {
  path: string;
  children: Map<string, Node>;
  units: Unit[];
}

const depthOf = (folder: string) => (folder === '' ? 0 : folder.split('/').length - 1);

function buildTree(units: Unit[]): Node {
  const root: Node = { path: '', children: new Map(), units: [] };
  for (const u of units) {
    let node = root;
    for (const seg of u.folder.split('/').slice(0, -1)) {
      let child = node.children.get(seg);
      if (!child) node.children.set(seg, (child = { path: `${node.path}${seg}/`, children: new Map(), units: [] }));
      node = child;
    }
    node.units.push(u);
  }
  return root;
}

function subtreeUnits(node: Node): Unit[] {
  return [...node.units, ...[...node.children.values()].flatMap(subtreeUnits)];
}

export function similarSchemas(units: Unit[]): boolean {
  const clusters: { names: Set<string>; size: number }[] = [];
  for (const u of units) {
    const names = new Set(u.schema.columns.map((c) => c.name.toLowerCase()));
    const home = clusters.find((c) => jaccard(c.names, names) >= SIMILAR);
    if (home) {
      for (const n of names) home.names.add(n);
      home.size++;
    } else clusters.push({ names, size: 1 });
  }
  const largest = Math.max(...clusters.map((c) => c.size));
  return clusters.length <= MAX_CLUSTERS && largest / units.length >= SHARE;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const n of b) if (a.has(n)) common++;
  const union = a.size + b.size - common;
  return union === 0 ? 1 : common / union;
}

function oneTable(node: Node, units: Unit[], opts: GroupingOptions): boolean {
  const base = depthOf(node.path);
  const depth = depthOf(units[0].folder) - base;
  if (units.some((u) => depthOf(u.folder) - base !== depth || u.signature !== units[0].signature || u.single)) return false;
  if (depth === 0) return units.length === 1;
  return opts.combineCompatibleSchemas || similarSchemas(units);
}

/** A folder name that reads as a dataset area (incoming, landing_zone), not as a partition value. */
const WORDY = /^[A-Za-z][A-Za-z_-]*$/;

/**
 * Beyond Glue: leading folder levels with one and the same word-like, non key=value name in every
 * partition (orders/incoming/2024/…) are part of the location, not a partition key that only ever
 * holds 'incoming'. Levels with digits (dates, ids) never fold, so partition keys stay stable.
 */
function fold(root: string, units: Unit[], depth: number): { root: string; depth: number } {
  while (depth > 0) {
    const seg = units[0].folder.slice(root.length).split('/')[0];
    if (!WORDY.test(seg) || units.some((u) => u.folder.slice(root.length).split('/')[0] !== seg)) break;
    root = `${root}${seg}/`;
    depth--;
  }
  return { root, depth };
}

function group(node: Node, units: Unit[]): TableGroup {
  const folded = fold(node.path, units, depthOf(units[0].folder) - depthOf(node.path));
  return { ...folded, units, nameRoot: folded.root === node.path ? undefined : node.path };
}

/** Tables for units sitting directly in a folder that is not one table as a whole. */
function directTables(node: Node, units: Unit[]): TableGroup[] {
  if (units.length === 1 && !units[0].single) return [group(node, units)];
  return units.map((u) => (u.single ? { root: u.single, units: [u], depth: 0, single: true } : group(node, [u])));
}

function atLevel(node: Node, units: Unit[], out: Grouping): void {
  // The table takes the most common format (and depth); the rest do not fit and are reported.
  const key = (u: Unit) => `${u.signature}@${depthOf(u.folder)}`;
  const counts = new Map<string, number>();
  for (const u of units) counts.set(key(u), (counts.get(key(u)) ?? 0) + 1);
  const winner = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const fits = units.filter((u) => key(u) === winner);
  // The level was asked for: the table sits exactly there, nothing folded.
  out.groups.push({ root: node.path, units: fits, depth: depthOf(fits[0].folder) - depthOf(node.path) });
  for (const u of units)
    if (key(u) !== winner)
      out.misfits.push({ unit: u, reason: `its format or depth differs from the table at ${node.path || 'the include path'}` });
}

function decide(node: Node, opts: GroupingOptions, out: Grouping): void {
  const all = subtreeUnits(node);
  const units = all.filter((u) => !opts.claimed?.has(u));
  if (!units.length) return;
  const claimedHere = units.length < all.length;
  if (opts.tableLevel !== undefined && opts.includeLevel + depthOf(node.path) >= opts.tableLevel) return atLevel(node, units, out);
  if (opts.tableLevel === undefined && !claimedHere && oneTable(node, units, opts)) {
    out.groups.push(group(node, units));
    return;
  }
  for (const child of [...node.children.values()].sort((a, b) => (a.path < b.path ? -1 : 1))) decide(child, opts, out);
  const direct = node.units.filter((u) => !opts.claimed?.has(u));
  if (direct.length) out.groups.push(...directTables(node, direct));
}

export function groupTables(units: Unit[], opts: GroupingOptions): Grouping {
  const out: Grouping = { groups: [], misfits: [] };
  decide(buildTree(units), opts, out);
  return out;
}
