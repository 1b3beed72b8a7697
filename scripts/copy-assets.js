// Copies what tsc does not: the Glue API model the registry loads at run time.
import { cpSync } from 'node:fs';

cpSync('src/api/model', 'dist/api/model', { recursive: true });
