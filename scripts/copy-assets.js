// Copies what tsc does not: the Glue API model the registry loads at run time.
import { cpSync } from 'node:fs';

cpSync('src/kernel/model', 'dist/kernel/model', { recursive: true });
