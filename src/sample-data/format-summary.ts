// The human-readable report of a generateSampleData run (the CLI prints it; the demo may too).
import type { SampleDataSummary } from './generate.js';

const n = (x: number): string => x.toLocaleString('en-US');
const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;

export function formatBytes(b: number): string {
  if (b < 1024) return `${b} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = b / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export function formatSummary(s: SampleDataSummary): string {
  const out: string[] = [];
  out.push(`Wrote sample data to ${s.raw} (seed ${s.seed}, scale ${s.scale}, ${s.startDate} to ${s.endDate})`);
  out.push('');
  out.push(`  ${'data set'.padEnd(10)} ${'files'.padStart(6)} ${'rows'.padStart(12)} ${'bytes'.padStart(11)}  location`);
  for (const d of s.datasets) {
    out.push(
      `  ${d.name.padEnd(10)} ${n(d.files.length).padStart(6)} ${n(d.rows).padStart(12)} ${formatBytes(d.bytes).padStart(11)}  ${d.location}`,
    );
  }
  if (s.defects.length) {
    out.push('');
    out.push('Injected defects (documented rate, then what this run wrote):');
    for (const d of s.defects) {
      const actual = d.outOf ? d.count / d.outOf : 0;
      out.push(
        `  ${d.dataset.padEnd(10)} ${d.defect.padEnd(22)} ${pct(d.rate).padStart(8)}  ${n(d.count).padStart(9)} of ${n(d.outOf)} (${pct(actual)})`,
      );
    }
  }
  if (s.datasets.some((d) => d.name === 'orders')) {
    out.push('');
    out.push(
      s.driftDate
        ? `Schema drift: orders from ${s.driftDate} on carry a coupon_code column.`
        : 'Schema drift: none (the period ends before the drift day).',
    );
  }
  return out.join('\n') + '\n';
}
