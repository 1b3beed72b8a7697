// Numbers in alarm reasons, as a person reads them.
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

export const percent = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;
export const money = (x: number, currency: string) => `${x.toFixed(x < 0.1 ? 4 : 2)} ${currency}`;
export const count = (n: number) => n.toLocaleString('en-US');
