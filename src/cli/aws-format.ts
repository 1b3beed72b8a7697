// Prints responses as `aws glue` does: JSON indented by four spaces, timestamps in ISO 8601 with
// the local UTC offset (Python's isoformat), nothing at all for an empty response.

function isoformat(d: Date): string {
  const pad = (n: number, w = 2) => String(Math.trunc(Math.abs(n))).padStart(w, '0');
  const offset = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + offset * 60_000);
  const base = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const ms = local.getUTCMilliseconds();
  const frac = ms ? `.${pad(ms * 1000, 6)}` : '';
  const sign = offset >= 0 ? '+' : '-';
  return `${base}${frac}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

export function formatAwsJson(value: unknown): string {
  if (value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return '';
  return JSON.stringify(
    value,
    function (this: Record<string, unknown>, key, v) {
      const raw = this[key];
      return raw instanceof Date ? isoformat(raw) : v;
    },
    4,
  );
}
