// The GlueContext a script receives: sources, SQL over frames, sinks and commit, bound to its run.
import { invalidInput } from '../../kernel/errors.js';
import type { RunSession } from '../runtime/run-session.js';
import { argument } from '../runtime/job-arguments.js';
import { Frame } from './frame.js';
import { fromCatalog, fromPath, openOptions } from './sources.js';
import { framefromRows } from './transforms/rows.js';
import { writeFrame } from './sink.js';
import { sqlOverFrames } from './transforms/sql-query.js';
import type { DynamicFrame, GlueContext, Row } from './types.js';

const asFrame = (f: DynamicFrame, what: string): Frame => {
  if (!(f instanceof Frame)) throw invalidInput(`${what} must be a frame made by this GlueContext`);
  return f;
};

export function createGlueContext(session: RunSession): GlueContext {
  return {
    jobName: session.job.Name!,
    runId: session.runId,
    args: Object.freeze({ ...session.args }),
    zones: Object.freeze({ ...session.services.config.zones }),
    getResolvedOptions(names) {
      const out: Record<string, string> = {};
      for (const n of names) {
        const v = argument(session.args, n);
        if (v === undefined) throw invalidInput(`The job argument --${n.replace(/^--/, '')} is required but was not given`);
        out[n.replace(/^--/, '')] = v;
      }
      return out;
    },
    fromCatalog: (source) => fromCatalog(session, source),
    fromPath: (source) => fromPath(session, source),
    fromOptions: async (source) => (await openOptions(session, source))(),
    fromRows: async (rows: Row[]) => {
      if (!Array.isArray(rows) || !rows.length) throw invalidInput('fromRows needs at least one row');
      return framefromRows(session, rows, undefined, false);
    },
    sql: (query, frames) =>
      sqlOverFrames(session, query, Object.fromEntries(Object.entries(frames).map(([k, f]) => [k, asFrame(f, `Frame ${k}`)]))),
    write: (frame, sink) => writeFrame(session, asFrame(frame, 'The frame to write'), sink),
    commit: async () => {
      session.commitRequested = true;
    },
    log: (message, extra) => session.log('info', message, extra),
  };
}
