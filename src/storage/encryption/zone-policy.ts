// Which keys of a store lie in an encrypted zone (sluice.yaml `kms.encryptedZones`: zone name, or a
// location, → KMS key). Resolved on first use, because resolving needs the stores themselves.
import { invalidInput } from '../../kernel/errors.js';
import type { SluiceConfig } from '../../config/schema.js';
import type { ObjectStore } from '../object-store.js';
import type { ResolvedLocation } from '../storage.js';

export function zonePolicy(
  config: SluiceConfig,
  resolve: (location: string) => ResolvedLocation,
): (store: ObjectStore, key: string) => string | undefined {
  const entries = Object.entries(config.kms?.encryptedZones ?? {});
  let zones: { store: ObjectStore; prefix: string; key: string }[] | undefined;
  const load = () =>
    entries.map(([zone, key]) => {
      const location = (config.zones as Record<string, string>)[zone] ?? (/[/:]/.test(zone) ? zone : undefined);
      if (location === undefined)
        throw invalidInput(
          `kms.encryptedZones names zone ${zone}, which sluice.yaml does not declare (zones: ${Object.keys(config.zones).join(', ')})`,
        );
      const at = resolve(location);
      return { store: at.store, prefix: at.key === '' || at.key.endsWith('/') ? at.key : `${at.key}/`, key };
    });
  return (store, key) => {
    if (entries.length === 0) return undefined;
    zones ??= load();
    return zones.find((z) => z.store === store && key.startsWith(z.prefix))?.key;
  };
}
