// Conditional triggers (glue-behaviour.md §3.2): a condition holds when the watched job or crawler,
// started by a trigger in THIS run, has ended for good in the watched state. A job started by hand
// (StartJobRun) is never a node of a run, so it never fires a conditional trigger. AND needs every
// condition, ANY one of them.
import type { Condition, Predicate, Trigger } from '../../kernel/glue-types.js';
import type { ActionView } from './observe.js';

export const nodeKey = (type: string, name: string) => `${type}:${name}`;

/** The latest action of each job and crawler of the run (a node started twice counts by its last start). */
export function latestByNode(views: ActionView[]): Map<string, ActionView> {
  const out = new Map<string, ActionView>();
  for (const v of views) {
    if (v.phase === 'cancelled') continue;
    const key = nodeKey(v.row.node_type, v.row.target);
    const seen = out.get(key);
    if (!seen || seen.row.seq < v.row.seq) out.set(key, v);
  }
  return out;
}

export function conditionMet(c: Condition, nodes: Map<string, ActionView>): boolean {
  const node = c.JobName ? nodes.get(nodeKey('JOB', c.JobName)) : nodes.get(nodeKey('CRAWLER', c.CrawlerName!));
  if (!node || node.phase !== 'final') return false;
  return node.state === (c.JobName ? c.State : c.CrawlState);
}

export function predicateMet(p: Predicate | undefined, nodes: Map<string, ActionView>): boolean {
  const conditions = p?.Conditions ?? [];
  if (!conditions.length) return false;
  return p?.Logical === 'ANY' ? conditions.some((c) => conditionMet(c, nodes)) : conditions.every((c) => conditionMet(c, nodes));
}

/** The conditional triggers of the run's snapshot that may fire: activated, not fired yet. */
export function candidates(snapshot: Trigger[], fired: Set<string>): Trigger[] {
  return snapshot.filter((t) => t.Type === 'CONDITIONAL' && t.State === 'ACTIVATED' && !fired.has(t.Name!));
}
