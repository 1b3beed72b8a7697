// A Glue request as the arguments of its Terraform resource: keys in snake_case, nested structures as
// blocks, maps (Parameters, DefaultArguments …) kept as they are, empty values left out. The handful
// of names the provider spells differently from the API are listed here.
const MAPS = new Set([
  'Parameters',
  'DefaultArguments',
  'NonOverridableArguments',
  'Arguments',
  'ConnectionProperties',
  'Tags',
  'DefaultRunProperties',
  'AthenaProperties',
  'SparkProperties',
  'PythonProperties',
]);

const RENAME: Record<string, string> = {
  S3Targets: 's3_target',
  JdbcTargets: 'jdbc_target',
  CatalogTargets: 'catalog_target',
  DynamoDBTargets: 'dynamodb_target',
  MongoDBTargets: 'mongodb_target',
  DeltaTargets: 'delta_target',
  IcebergTargets: 'iceberg_target',
  HudiTargets: 'hudi_target',
  SerdeInfo: 'ser_de_info',
  CloudWatchEncryption: 'cloudwatch_encryption',
  CloudWatchEncryptionMode: 'cloudwatch_encryption_mode',
  S3Encryption: 's3_encryption',
  S3EncryptionMode: 's3_encryption_mode',
};

export const snake = (k: string) =>
  RENAME[k] ??
  k
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();

const empty = (v: unknown) =>
  v === undefined ||
  v === null ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

export function blocks(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (empty(v)) continue;
    if (MAPS.has(k)) out[snake(k)] = v;
    else if (Array.isArray(v)) out[snake(k)] = v.map((x) => (x && typeof x === 'object' ? blocks(x as Record<string, unknown>) : x));
    else if (typeof v === 'object') out[snake(k)] = blocks(v as Record<string, unknown>);
    else out[snake(k)] = v;
  }
  return out;
}

/** A resource name as a Terraform label: letters, digits, _ and -, not starting with a digit. */
export const label = (name: string) => {
  const l = name.replace(/[^A-Za-z0-9_-]+/g, '_');
  return /^[A-Za-z_]/.test(l) ? l : `_${l}`;
};
