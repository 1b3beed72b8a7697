// A MetadataPointer held in memory: for tests and for tables a caller tracks itself.
import type { MetadataPointer } from './commit.js';

export function memoryPointer(initial: string): MetadataPointer & { current: string } {
  const p = {
    current: initial,
    load: async () => p.current,
    swap: async (expected: string, next: string, _metadata: unknown) => {
      if (p.current !== expected) return false;
      p.current = next;
      return true;
    },
  };
  return p;
}
