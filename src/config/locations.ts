// Locations in sluice.yaml and in definitions are project-relative paths, absolute paths or URLs.
// Apart from project.ts so that code resolving a location does not load the YAML parser and zod.
import { isAbsolute, join } from 'node:path';

/** A location from the config or a definition, made absolute: s3:// and file:// pass through. */
export function resolveLocation(root: string, location: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) return location;
  return isAbsolute(location) ? location : join(root, location);
}
