// The AWS Glue API model (the same service-2.json botocore ships), loaded once and shared by the
// validator, the CLI's flag parser and the coverage report.
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

export interface ShapeRef { shape: string; documentation?: string }
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
  documentation?: string;
}
export interface OperationSpec {
  name: string;
  input?: ShapeRef;
  output?: ShapeRef;
  errors?: ShapeRef[];
  documentation?: string;
}
export interface GlueModel {
  metadata: Record<string, unknown>;
  operations: Record<string, OperationSpec>;
  shapes: Record<string, Shape>;
}
export interface Paginator { input_token: string; output_token: string; limit_key?: string; result_key?: string | string[] }

let cached: GlueModel | undefined;
let cachedPaginators: Record<string, Paginator> | undefined;

export function loadGlueModel(): GlueModel {
  cached ??= JSON.parse(gunzipSync(readFileSync(new URL('./model/service-2.json.gz', import.meta.url))).toString('utf8')) as GlueModel;
  return cached;
}

export function loadPaginators(): Record<string, Paginator> {
  cachedPaginators ??= (JSON.parse(readFileSync(new URL('./model/paginators-1.json', import.meta.url), 'utf8')) as {
    pagination: Record<string, Paginator>;
  }).pagination;
  return cachedPaginators;
}

export function shape(name: string): Shape {
  const s = loadGlueModel().shapes[name];
  if (!s) throw new Error(`unknown shape ${name}`);
  return s;
}
