// Checks a visual job as Glue would before accepting it: every node validates against its shape in
// the Glue API model (CodeGenConfigurationNode), has exactly one node type set, names only inputs
// that exist, and the graph is acyclic. Returns the problems (empty when the job is sound).
import { validateInput } from '../../kernel/validate.js';
import type { CodeGenNode } from './graph.js';

export function validateVisualJob(nodes: Record<string, CodeGenNode>): string[] {
  const problems: string[] = [];
  const inputs = new Map<string, string[]>();
  for (const [id, node] of Object.entries(nodes)) {
    if (!/^[A-Za-z0-9_-]*$/.test(id)) problems.push(`node id ${id} is not [A-Za-z0-9_-]*`);
    const types = Object.keys(node).filter((k) => node[k] !== undefined && node[k] !== null);
    if (types.length !== 1)
      problems.push(`node ${id} sets ${types.length} node types (${types.join(', ') || 'none'}); exactly one is required`);
    try {
      validateInput('CodeGenConfigurationNode', node);
    } catch (e) {
      problems.push(`node ${id}: ${(e as Error).message}`);
    }
    const ins = types.flatMap((t) => ((node[t] as { Inputs?: unknown }).Inputs as string[] | undefined) ?? []);
    inputs.set(id, ins);
    for (const i of ins) if (!(i in nodes)) problems.push(`node ${id} reads ${i}, which is not a node`);
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done' || !inputs.has(id)) return;
    if (state.get(id) === 'visiting') {
      problems.push(`the nodes form a cycle: ${[...path, id].join(' → ')}`);
      return;
    }
    state.set(id, 'visiting');
    for (const i of inputs.get(id)!) visit(i, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of inputs.keys()) visit(id, []);
  return problems;
}
