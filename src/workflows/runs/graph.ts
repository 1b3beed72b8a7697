// A workflow's graph as Glue draws it: a node per trigger, job and crawler; an edge from a trigger to
// each job or crawler it starts, and from each job or crawler a predicate watches to that trigger.
// Node ids are derived from (workflow, type, name), so a node keeps its id across runs and ResumeWorkflowRun
// can name nodes of an earlier run. In a run's graph, job nodes carry their runs and crawler nodes their crawls.
import { createHash } from 'node:crypto';
import type { Crawl, JobRun, Node, Trigger, WorkflowGraph } from '../../kernel/glue-types.js';
import type { ActionView } from '../executor/observe.js';
import { nodeKey } from '../executor/conditions.js';

export const nodeId = (workflow: string, type: string, name: string) =>
  `wnode_${createHash('sha256').update(`${workflow}\u0000${type}\u0000${name}`).digest('hex')}`;

export interface GraphIndex {
  graph: WorkflowGraph;
  /** UniqueId → node. */
  byId: Map<string, Node>;
  /** Node ids directly after a node (its outgoing edges). */
  next: Map<string, string[]>;
}

export function buildGraph(workflow: string, triggers: Trigger[], views?: ActionView[]): GraphIndex {
  const nodes = new Map<string, Node>();
  const edges: { SourceId: string; DestinationId: string }[] = [];
  const node = (type: 'JOB' | 'CRAWLER' | 'TRIGGER', name: string, extra: Partial<Node> = {}) => {
    const key = nodeKey(type, name);
    if (!nodes.has(key)) nodes.set(key, { Type: type, Name: name, UniqueId: nodeId(workflow, type, name), ...extra });
    return nodes.get(key)!.UniqueId!;
  };
  for (const t of triggers) {
    const tid = node('TRIGGER', t.Name!, { TriggerDetails: { Trigger: t } });
    for (const a of t.Actions ?? [])
      edges.push({ SourceId: tid, DestinationId: a.JobName ? node('JOB', a.JobName) : node('CRAWLER', a.CrawlerName!) });
    for (const c of t.Predicate?.Conditions ?? [])
      edges.push({ SourceId: c.JobName ? node('JOB', c.JobName) : node('CRAWLER', c.CrawlerName!), DestinationId: tid });
  }
  if (views) {
    for (const n of nodes.values()) {
      const mine = views.filter((v) => v.phase !== 'cancelled' && nodeKey(v.row.node_type, v.row.target) === nodeKey(n.Type!, n.Name!));
      if (n.Type === 'JOB')
        n.JobDetails = { JobRuns: mine.flatMap((v) => v.attempts.map((a) => a.jobRun).filter((r): r is JobRun => !!r)) };
      if (n.Type === 'CRAWLER')
        n.CrawlerDetails = { Crawls: mine.flatMap((v) => v.attempts.map((a) => a.crawl).filter((c): c is Crawl => !!c)) };
    }
  }
  const byId = new Map([...nodes.values()].map((n) => [n.UniqueId!, n]));
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.SourceId, [...(next.get(e.SourceId) ?? []), e.DestinationId]);
  return { graph: { Nodes: [...nodes.values()], Edges: edges }, byId, next };
}

/** Every node reachable from the given ones (not including them unless reachable from another). */
export function downstreamOf(index: GraphIndex, from: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = from.flatMap((id) => index.next.get(id) ?? []);
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(index.next.get(id) ?? []));
  }
  return seen;
}
