// Prints responses as `aws glue` does: JSON indented by four spaces, timestamps in ISO 8601 with
// the local UTC offset (Python's isoformat), nothing at all for an empty response.

export function isoformat(d: Date): string {
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

/** The response as the AWS CLI holds it before --query and the formatters: timestamps as ISO strings. */
export function plainResponse(value: unknown): unknown {
  if (value instanceof Date) return isoformat(value);
  if (Array.isArray(value)) return value.map(plainResponse);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainResponse(v)]));
  }
  return value;
}
