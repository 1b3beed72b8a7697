// .yaml job scripts: a declarative graph of sources → nodes (steps) → sinks (yaml/yaml-schema.ts).
// Every source is opened before any SQL runs, because the engine is sandboxed; nodes are built on
// demand in dependency order, each once. The bookmark advances when the run succeeds.
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { invalidInput } from '../../kernel/errors.js';
import type { RunSession } from '../runtime/run-session.js';
import type { Frame } from '../sdk/frame.js';
import { openCatalog, openPath, type Finish } from '../sdk/sources.js';
import { writeFrame } from '../sdk/sink.js';
import { declarativeJob, type DeclarativeJob, type SourceSpec } from './yaml/yaml-schema.js';
import { applyStep } from './yaml/yaml-steps.js';

export function parseDeclarativeJob(text: string, file: string): DeclarativeJob {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw invalidInput(`${file} is not valid YAML: ${(e as Error).message}`);
  }
  const r = declarativeJob.safeParse(raw);
  if (!r.success)
    throw invalidInput(
      `${file} is not a valid job:\n${r.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`,
    );
  for (const name of Object.keys(r.data.nodes))
    if (name in r.data.sources) throw invalidInput(`${file}: ${name} is both a source and a node`);
  checkGraph(r.data, file);
  return r.data;
}

/** Every name a node or sink uses exists, and no node depends on itself. */
function checkGraph(job: DeclarativeJob, file: string): void {
  const uses = (name: string) => {
    const node = job.nodes[name];
    if (!node) return [];
    const others = node.steps.flatMap((s) =>
      'join' in s ? [s.join.with] : 'lookup' in s ? [s.lookup.with] : 'union' in s ? [s.union.with] : [],
    );
    return [node.from, ...others];
  };
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (!(name in job.sources) && !(name in job.nodes))
      throw invalidInput(`${file}: ${path.at(-1) ?? 'a sink'} uses ${name}, which is neither a source nor a node`);
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting')
      throw invalidInput(`${file}: nodes depend on each other in a cycle: ${[...path, name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const u of uses(name)) visit(u, [...path, name]);
    state.set(name, 'done');
  };
  for (const name of Object.keys(job.nodes)) visit(name, []);
  for (const sink of job.sinks) visit(sink.from, []);
}

function openSource(session: RunSession, name: string, s: SourceSpec): Promise<Finish> {
  const ctx = s.transformationCtx === false ? undefined : (s.transformationCtx ?? name);
  const common = { transformationCtx: ctx, sourceFileColumn: s.sourceFileColumn, formatOptions: s.formatOptions };
  if (s.catalog) {
    return openCatalog(session, {
      ...common,
      ...s.catalog,
      pushDownPredicate: s.pushDownPredicate,
      bookmarkKeys: s.bookmarkKeys,
      bookmarkKeysSortOrder: s.bookmarkKeysSortOrder,
      additionalOptions: s.additionalOptions,
    });
  }
  return openPath(session, {
    ...common,
    paths: s.path!,
    format: s.format!,
    hivePartitioning: s.hivePartitioning,
  });
}

/**
 * ${zones.raw|processed|curated} and ${args.NAME} (the run argument --NAME) in the text, so that one
 * definition serves any project layout; an unknown name is an error rather than an empty string.
 */
export function substitute(text: string, vars: { zones: Record<string, string>; args: Record<string, string> }, file: string): string {
  return text.replace(/\$\{(zones|args)\.([A-Za-z0-9_-]+)\}/g, (whole, kind: 'zones' | 'args', name: string) => {
    const value = kind === 'zones' ? vars.zones[name] : vars.args[`--${name}`];
    if (value === undefined) throw invalidInput(`${file} uses ${whole}, which is not ${kind === 'zones' ? 'a zone' : 'a run argument'}`);
    return value;
  });
}

export async function runYamlScript(session: RunSession, path: string): Promise<void> {
  const text = substitute(await readFile(path, 'utf8'), { zones: session.services.config.zones, args: session.args }, path);
  const job = parseDeclarativeJob(text, path);
  const opened = new Map<string, Finish>();
  for (const [name, s] of Object.entries(job.sources)) opened.set(name, await openSource(session, name, s));

  // The graph was checked for unknown names and cycles when it was parsed.
  const built = new Map<string, Promise<Frame>>();
  const resolve = (name: string): Promise<Frame> => {
    const done = built.get(name);
    if (done) return done;
    const finish = opened.get(name);
    const node = job.nodes[name];
    const frame = finish
      ? finish()
      : (async () => {
          let f = await resolve(node.from);
          for (const step of node.steps) f = await applyStep(f, step, resolve);
          return f;
        })();
    built.set(name, frame);
    return frame;
  };

  for (const sink of job.sinks) {
    let frame = await resolve(sink.from);
    for (const [key, expr] of Object.entries(sink.partitionBy ?? {})) frame = await frame.withColumn(key, expr);
    const partitionKeys = sink.partitionKeys ?? (sink.partitionBy ? Object.keys(sink.partitionBy) : undefined);
    await writeFrame(session, frame, {
      path: sink.path,
      database: sink.database,
      table: sink.table,
      partitionKeys,
      mode: sink.mode,
      compression: sink.compression,
    });
  }
  session.commitRequested = true;
}
