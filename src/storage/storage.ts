// Resolves locations to ObjectStores: local paths (absolute, file://, or relative to the project)
// go to the local filesystem; s3://bucket/prefix goes to the S3-compatible store in sluice.yaml.
import type { ObjectStore } from './object-store.js';

export interface ResolvedLocation {
  store: ObjectStore;
  /** The key (prefix) inside the store; '' for the store's root. */
  key: string;
}

export interface Storage {
  /** Throws InvalidInputException for a location it cannot reach (unknown scheme, s3 without config). */
  resolve(location: string): ResolvedLocation;
}
