// A directed graph laid out in layers by dagre (@dagrejs/dagre: ranks by longest path, orders each
// layer to cross as few edges as possible, routes edges between the layers): left to right, or top to
// bottom when left to right would be too wide to read without shrinking the text (a long chain of
// steps, as a workflow's crawler → jobs → triggers is). Each
// node is as wide as its label needs, up to a limit; a label cut at that limit shows whole on hover.
// Nodes are coloured by their state only (state-badge.tsx's tones). Used for workflow graphs and lineage.
import dagre from '@dagrejs/dagre';
import { tone } from './state-badge';

export interface DagNode {
  id: string;
  label: string;
  /** Small text under the label: the node's type, or its last run's state. */
  sub?: string;
  state?: string;
  kind?: string;
  /** Drawn as a pill: triggers, which only connect the work. */
  compact?: boolean;
}

export interface DagEdge {
  from: string;
  to: string;
}

const NH = 52;
/** Width per character of the 13 px label font, and the widest a node may grow. */
const CHAR = 8.2;
const MAX_W = 300;
const MIN_W = 120;

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/** The small line under the label (its kind and state), which the node must hold too. */
const subOf = (n: DagNode) => [n.kind, n.sub ?? n.state].filter(Boolean).join(' · ');
const SUB_CHAR = 6.6;
const widthOf = (n: DagNode) =>
  Math.min(MAX_W, Math.max(MIN_W, Math.ceil(Math.max(n.label.length * CHAR, subOf(n).length * SUB_CHAR)) + 28));

interface Laid {
  nodes: Map<string, { x: number; y: number; w: number }>;
  edges: { from: string; to: string; points: { x: number; y: number }[] }[];
  width: number;
  height: number;
}

/** About the width of the dashboard's main panel: wider drawings are scaled down until text is unreadable. */
const READABLE_WIDTH = 1000;

export function layout(nodes: DagNode[], edges: DagEdge[]): Laid {
  const across = layoutIn('LR', nodes, edges);
  return across.width <= READABLE_WIDTH ? across : layoutIn('TB', nodes, edges);
}

function layoutIn(rankdir: 'LR' | 'TB', nodes: DagNode[], edges: DagEdge[]): Laid {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir, nodesep: rankdir === 'LR' ? 18 : 28, ranksep: rankdir === 'LR' ? 56 : 30, marginx: 10, marginy: 10 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: widthOf(n), height: NH });
  for (const e of edges) if (g.hasNode(e.from) && g.hasNode(e.to)) g.setEdge(e.from, e.to);
  dagre.layout(g);
  const laid = new Map<string, { x: number; y: number; w: number }>();
  for (const id of g.nodes()) {
    const n = g.node(id);
    laid.set(id, { x: n.x - n.width / 2, y: n.y - n.height / 2, w: n.width });
  }
  const routed = g.edges().map((e) => ({ from: e.v, to: e.w, points: g.edge(e).points ?? [] }));
  const { width = 0, height = 0 } = g.graph();
  return { nodes: laid, edges: routed, width, height };
}

/** A smooth path through dagre's points: straight at the ends, quadratic curves between. */
function pathOf(points: { x: number; y: number }[]): string {
  if (points.length < 2) return '';
  let d = `M ${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const mid = { x: (points[i].x + points[i + 1].x) / 2, y: (points[i].y + points[i + 1].y) / 2 };
    d += ` Q ${points[i].x} ${points[i].y} ${mid.x} ${mid.y}`;
  }
  const last = points[points.length - 1];
  return `${d} L ${last.x} ${last.y}`;
}

export function Dag({
  nodes,
  edges,
  onSelect,
  selected,
  testId,
}: {
  nodes: DagNode[];
  edges: DagEdge[];
  onSelect?: (id: string) => void;
  selected?: string;
  testId?: string;
}) {
  if (!nodes.length) return <p className="muted">Nothing to draw.</p>;
  const laid = layout(nodes, edges);
  return (
    <div className="dag" data-testid={testId}>
      {/* Drawn at its natural size, and scaled down to fit a narrower panel. */}
      <svg
        viewBox={`0 0 ${laid.width} ${laid.height}`}
        width={laid.width}
        height={laid.height}
        style={{ maxWidth: '100%', height: 'auto' }}
      >
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#94a3b8" />
          </marker>
        </defs>
        {laid.edges.map((e) => (
          <path key={`${e.from}-${e.to}`} d={pathOf(e.points)} className="dag-edge" markerEnd="url(#arrow)" data-testid="dag-edge" />
        ))}
        {nodes.map((n) => {
          const p = laid.nodes.get(n.id)!;
          return (
            <g
              key={n.id}
              transform={`translate(${p.x},${p.y})`}
              className={`dag-node dag-${tone(n.state)}${selected === n.id ? ' dag-selected' : ''}${onSelect ? ' clickable' : ''}`}
              data-testid="dag-node"
              data-name={n.label}
              data-state={n.state ?? ''}
              data-kind={n.kind ?? ''}
              onClick={() => onSelect?.(n.id)}
            >
              <title>{[n.label, subOf(n)].filter(Boolean).join(' · ')}</title>
              <rect width={p.w} height={NH} rx={n.compact ? NH / 2 : 8} />
              <text x={14} y={21} className="dag-label">
                {truncate(n.label, Math.floor((p.w - 28) / CHAR))}
              </text>
              <text x={14} y={39} className="dag-sub">
                {subOf(n)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
