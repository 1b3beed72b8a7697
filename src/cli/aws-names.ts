// The AWS CLI's names: operations and parameters in kebab-case (botocore's xform_name).
import { loadGlueModel } from '../kernel/model.js';

export function kebab(name: string): string {
  return name
    .replace(/(.)([A-Z][a-z]+)/g, '$1-$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/** 'get-table' → 'GetTable'; undefined when the Glue model has no such operation. */
export function operationFromKebab(command: string): string | undefined {
  return Object.keys(loadGlueModel().operations).find((op) => kebab(op) === command);
}
