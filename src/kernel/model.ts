// The AWS Glue API model (the service-2.json botocore ships), loaded once and shared by the
// validator, the CLI's flag parser and the coverage report. The copy in model/ has botocore's
// `documentation` strings removed: nothing reads them, and they were two thirds of the file and of
// the time every process (a job run's included) spent parsing it.
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

export interface ShapeRef {
  shape: string;
}
export interface Shape {
  type: 'structure' | 'string' | 'integer' | 'long' | 'double' | 'float' | 'boolean' | 'timestamp' | 'blob' | 'list' | 'map';
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  min?: number;
  max?: number;
  pattern?: string;
  exception?: boolean;
}
export interface OperationSpec {
  name: string;
  input?: ShapeRef;
  output?: ShapeRef;
  errors?: ShapeRef[];
}
export interface GlueModel {
  metadata: Record<string, unknown>;
  operations: Record<string, OperationSpec>;
  shapes: Record<string, Shape>;
}
export interface Paginator {
  input_token: string;
  output_token: string;
  limit_key?: string;
  result_key?: string | string[];
}

let cached: GlueModel | undefined;
let cachedPaginators: Record<string, Paginator> | undefined;

export function loadGlueModel(): GlueModel {
  cached ??= JSON.parse(gunzipSync(readFileSync(new URL('./model/service-2.json.gz', import.meta.url))).toString('utf8')) as GlueModel;
  return cached;
}

export function loadPaginators(): Record<string, Paginator> {
  cachedPaginators ??= (
    JSON.parse(readFileSync(new URL('./model/paginators-1.json', import.meta.url), 'utf8')) as {
      pagination: Record<string, Paginator>;
    }
  ).pagination;
  return cachedPaginators;
}

export function shape(name: string): Shape {
  const s = loadGlueModel().shapes[name];
  if (!s) throw new Error(`unknown shape ${name}`);
  return s;
}
