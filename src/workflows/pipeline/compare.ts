// Whether a resource already is what sluice.yaml declares. Only the fields the file states are
// compared, and within them only what it states: the service fills in defaults (a crawler's
// Exclusions, a trigger's BatchWindow, a condition's LogicalOperator) that the file need not repeat.
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

function contains(current: unknown, desired: unknown): boolean {
  if (desired === undefined || desired === null) return true;
  if (Array.isArray(desired)) {
    return Array.isArray(current) && current.length === desired.length && desired.every((d, i) => contains(current[i], d));
  }
  if (typeof desired === 'object') {
    if (!current || typeof current !== 'object' || Array.isArray(current)) return false;
    return Object.entries(desired).every(([k, v]) => contains((current as Record<string, unknown>)[k], v));
  }
  return current === desired || (typeof current === 'number' && typeof desired === 'string' && String(current) === desired);
}

/** The declared fields whose current value differs. */
export function changedFields(desired: Record<string, unknown>, current: Record<string, unknown>): FieldChange[] {
  return Object.entries(desired)
    .filter(([k, v]) => !contains(current[k], v))
    .map(([field, to]) => ({ field, from: current[field], to }));
}
