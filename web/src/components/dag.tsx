// A directed graph drawn left to right: each node in the column of its longest path from a source,
// edges as curves with arrows, nodes coloured by their state. Used for workflow graphs and lineage.
import { tone } from './state-badge';

export interface DagNode {
  id: string;
  label: string;
  /** Small text under the label: the node's type, or its last run's state. */
  sub?: string;
  state?: string;
  kind?: string;
  /** Drawn narrower: triggers, which only connect the work. */
  compact?: boolean;
}

export interface DagEdge {
  from: string;
  to: string;
}

const NW = 176;
const CW = 150;
const NH = 52;
const GX = 44;
const GY = 22;
const widthOf = (n: DagNode) => (n.compact ? CW : NW);

function layers(nodes: DagNode[], edges: DagEdge[]): Map<string, number> {
  const depth = new Map(nodes.map((n) => [n.id, 0]));
  // Longest path by relaxation; a cycle (which Glue graphs do not have) stops after |nodes| rounds.
  for (let round = 0; round < nodes.length; round++) {
    let changed = false;
    for (const e of edges) {
      const d = (depth.get(e.from) ?? 0) + 1;
      if (depth.has(e.to) && d > depth.get(e.to)!) {
        depth.set(e.to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return depth;
}

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

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
  const depth = layers(nodes, edges);
  const columns: DagNode[][] = [];
  for (const n of nodes) (columns[depth.get(n.id)!] ??= []).push(n);
  const pos = new Map<string, { x: number; y: number; w: number }>();
  const tallest = Math.max(...columns.map((c) => c?.length ?? 0));
  let x = 10;
  for (const col of columns) {
    if (!col) continue;
    const w = Math.max(...col.map(widthOf));
    col.forEach((n, j) => {
      const offset = ((tallest - col.length) * (NH + GY)) / 2;
      pos.set(n.id, { x: x + (w - widthOf(n)) / 2, y: 10 + offset + j * (NH + GY), w: widthOf(n) });
    });
    x += w + GX;
  }
  const width = x - GX + 10;
  const height = 20 + tallest * (NH + GY) - GY;
  return (
    <div className="dag" data-testid={testId}>
      {/* Drawn at its natural size, and scaled down to fit a narrower panel. */}
      <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} style={{ maxWidth: '100%', height: 'auto' }}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" fill="#94a3b8" />
          </marker>
        </defs>
        {edges.map((e) => {
          const a = pos.get(e.from);
          const b = pos.get(e.to);
          if (!a || !b) return null;
          const [x1, y1, x2, y2] = [a.x + a.w, a.y + NH / 2, b.x, b.y + NH / 2];
          return (
            <path
              key={`${e.from}-${e.to}`}
              d={`M ${x1} ${y1} C ${x1 + GX / 2} ${y1}, ${x2 - GX / 2} ${y2}, ${x2} ${y2}`}
              className="dag-edge"
              markerEnd="url(#arrow)"
            />
          );
        })}
        {nodes.map((n) => {
          const p = pos.get(n.id)!;
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
              <rect width={p.w} height={NH} rx={n.compact ? NH / 2 : 8} />
              <text x={12} y={21} className="dag-label">
                {truncate(n.label, Math.floor((p.w - 20) / 7.5))}
              </text>
              <title>{n.label}</title>
              <text x={12} y={39} className="dag-sub">
                {[n.kind, n.sub ?? n.state].filter(Boolean).join(' · ')}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
