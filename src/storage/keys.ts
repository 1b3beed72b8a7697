// Key rules shared by every ObjectStore, so the local and S3 stores accept and order exactly the same keys.
import { invalidInput } from '../kernel/errors.js';

/** Hidden staging area; list() never shows it and keys may not enter it. */
export const STAGING = '.sluice-staging';
/** Prefix of in-flight temporary files written beside their destination (local, cross-device fallback). */
export const TEMP_PREFIX = '.sluice-tmp-';

/**
 * Rejects keys that could escape the store's root or name its hidden areas. An empty key is allowed
 * only where the caller says so (list prefixes, stage prefixes).
 */
export function checkKey(key: string, what = 'key', allowEmpty = false): string {
  if (typeof key !== 'string') throw invalidInput(`The object ${what} must be a string, got ${typeof key}`);
  if (key === '' && allowEmpty) return key;
  const problem =
    key === ''
      ? 'is empty'
      : key.startsWith('/')
        ? "starts with '/'"
        : key.includes('\\')
          ? "contains '\\'"
          : key.includes('\0')
            ? 'contains a NUL character'
            : key.split('/').some((s, i, all) => (s === '' && i < all.length - 1) || s === '.' || s === '..')
              ? "has an empty, '.' or '..' segment"
              : key.split('/').some((s) => s === STAGING || s.startsWith(TEMP_PREFIX))
                ? `enters the hidden ${STAGING} area`
                : undefined;
  if (problem) throw invalidInput(`The object ${what} '${key}' ${problem}`);
  return key;
}

/** An object key (not a prefix) may not end with '/'. */
export function checkObjectKey(key: string): string {
  checkKey(key);
  if (key.endsWith('/')) throw invalidInput(`The object key '${key}' ends with '/', which names a folder, not an object`);
  return key;
}

/** The key of `key` inside the folder `prefix` ('' is the root; a trailing '/' is optional). */
export function joinKey(prefix: string, key: string): string {
  if (prefix === '') return key;
  return prefix.endsWith('/') ? prefix + key : `${prefix}/${key}`;
}

/** The folder form of a prefix: 'a/b' → 'a/b/', '' stays ''. */
export function folderOf(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/** S3 orders keys by their UTF-8 bytes; JS string comparison (UTF-16) differs above U+FFFF. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Keys no listing may show: anything inside a staging area or an in-flight temporary file. */
export function isHiddenKey(key: string): boolean {
  return key.split('/').some((s) => s === STAGING || s.startsWith(TEMP_PREFIX));
}
