// Every operation Sluice serves, concept by concept. Adding a concept means adding its list here.
import type { Operation } from './registry.js';
import { catalogOperations } from '../catalog/index.js';
import { tagOperations } from './tag-operations.js';
import { qualityOperations } from '../quality/index.js';

export function allOperations(): Operation[] {
  return [...catalogOperations, ...tagOperations, ...qualityOperations];
}
