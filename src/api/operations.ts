// Every operation Sluice serves, concept by concept. Adding a concept means adding its list here.
import type { Operation } from './registry.js';
import { catalogOperations } from '../catalog/index.js';

export function allOperations(): Operation[] {
  return [...catalogOperations];
}
