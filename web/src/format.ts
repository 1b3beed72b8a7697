// Times, durations and numbers as the dashboard shows them. Glue's JSON gives times as epoch
// seconds; Sluice's own operations as ISO-8601 text: both are read here.
export function toDate(v: unknown): Date | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v === 'number') return new Date(v < 1e11 ? v * 1000 : v);
  const d = new Date(String(v));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export function time(v: unknown): string {
  const d = toDate(v);
  if (!d) return '—';
  const today = new Date();
  const sameDay = d.toDateString() === today.toDateString();
  return sameDay ? d.toLocaleTimeString() : `${d.toLocaleDateString()} ${d.toLocaleTimeString()}`;
}

export function ago(v: unknown): string {
  const d = toDate(v);
  if (!d) return '—';
  const s = Math.round((Date.now() - d.getTime()) / 1000);
  if (s < 60) return `${Math.max(0, s)} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

export function duration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

export const num = (n: number | undefined) => (n === undefined || n === null ? '—' : n.toLocaleString());
export const pct = (x: number | undefined) => (x === undefined || x === null ? '—' : `${(x * 100).toFixed(x < 0.1 && x > 0 ? 1 : 0)} %`);
export const money = (x: number | undefined, currency = 'USD') => (x === undefined ? '—' : `${x.toFixed(x < 1 ? 3 : 2)} ${currency}`);

export function bytes(n: number | undefined): string {
  if (n === undefined) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}
