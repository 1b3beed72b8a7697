// A crawl plan as the API returns it (DryRunCrawler) and `sluice crawler run --dry-run` prints it:
// per table the action, the column-level diff and the partition counts.
import type { CrawlPlan } from './crawl-plan.js';

export interface PlanView {
  Database: string;
  Incremental: boolean;
  Tables: {
    Name: string;
    Action: string;
    Location: string;
    Reason?: string;
    Columns: { Column: string; Change: string; From?: string; To?: string }[];
    Partitions: { Create: number; Update: number; Delete: number; Unchanged: number; NewValues: string[][] };
  }[];
  UnreadableFiles: { Path: string; Reason: string }[];
  Warnings: string[];
}

const SHOWN_VALUES = 20;

export function planView(plan: CrawlPlan): PlanView {
  return {
    Database: plan.database,
    Incremental: plan.incremental,
    Tables: plan.tables.map((t) => ({
      Name: t.name,
      Action: t.action,
      Location: t.location,
      Reason: t.reason,
      Columns: t.columns.map((c) => ({ Column: c.column, Change: c.change, From: c.from, To: c.to })),
      Partitions: {
        Create: t.partitions.create.length,
        Update: t.partitions.update.length,
        Delete: t.partitions.delete.length,
        Unchanged: t.partitions.logged,
        NewValues: t.partitions.create.slice(0, SHOWN_VALUES).map((p) => p.Values ?? []),
      },
    })),
    UnreadableFiles: plan.unreadable.map((u) => ({ Path: u.path, Reason: u.reason })),
    Warnings: plan.warnings,
  };
}

/** The plan as text: one block per table that changes, then unreadable files and warnings. */
export function formatPlan(view: PlanView, crawler: string): string {
  const lines = [
    `Dry run of crawler ${crawler} into database ${view.Database}${view.Incremental ? ' (incremental: new folders only)' : ''}. Nothing was changed.`,
  ];
  const changing = view.Tables.filter((t) => t.Action !== 'unchanged' || t.Partitions.Create || t.Partitions.Update || t.Partitions.Delete);
  if (!changing.length) lines.push('', 'No changes: the catalog already matches the data.');
  for (const t of changing) {
    lines.push('', `${t.Action.toUpperCase()} table ${view.Database}.${t.Name}  (${t.Location})${t.Reason ? ` — ${t.Reason}` : ''}`);
    for (const c of t.Columns) {
      const sign = c.Change === 'added' ? '+' : c.Change === 'removed' ? '-' : '~';
      lines.push(`  ${sign} ${c.Column} ${c.Change === 'type' ? `${c.From} → ${c.To}` : (c.To ?? c.From)}`);
    }
    const p = t.Partitions;
    if (p.Create || p.Update || p.Delete) {
      lines.push(`  partitions: ${p.Create} to create, ${p.Update} to update, ${p.Delete} to delete`);
      for (const v of p.NewValues) lines.push(`    + (${v.join(', ')})`);
      if (p.Create > p.NewValues.length) lines.push(`    … and ${p.Create - p.NewValues.length} more`);
    }
  }
  if (view.UnreadableFiles.length) {
    lines.push('', `Unreadable files (${view.UnreadableFiles.length}), left out:`);
    for (const u of view.UnreadableFiles) lines.push(`  ${u.Path}: ${u.Reason}`);
  }
  for (const w of view.Warnings) lines.push('', `Warning: ${w}`);
  return lines.join('\n');
}
