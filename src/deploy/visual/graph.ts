// A Glue visual job under construction: CodeGenConfigurationNodes keyed by node id, each with
// exactly one node type set, plus the notes the plan shows (steps with no Glue node, behaviour that
// does not carry over). A frame is a node id and, when known, its columns: several YAML steps map
// to a precise node (ApplyMapping, a SparkSQL with a column list) only when the columns are known.
export type CodeGenNode = Record<string, Record<string, unknown>>;

export interface Column {
  name: string;
  /** The Glue (Hive) type, when known. */
  type?: string;
}

export interface FrameRef {
  id: string;
  columns?: Column[];
}

export class VisualGraph {
  readonly nodes: Record<string, CodeGenNode> = {};
  readonly notes: string[] = [];
  private readonly used = new Set<string>();

  /** Adds a node of one type; the id is derived from its name (Glue's pattern [A-Za-z0-9_-]). */
  add(type: string, name: string, body: Record<string, unknown>): string {
    const base = `node-${name.replace(/[^A-Za-z0-9_-]+/g, '_')}`.slice(0, 60);
    let id = base;
    for (let i = 2; this.used.has(id); i++) id = `${base}-${i}`;
    this.used.add(id);
    this.nodes[id] = { [type]: { Name: name, ...body } };
    return id;
  }

  note(text: string): void {
    if (!this.notes.includes(text)) this.notes.push(text);
  }
}
