// Small texts sealed under a KMS key for keeping in the metadata store or a log line: a job bookmark
// (JobBookmarksEncryption CSE-KMS), a run log entry (CloudWatchEncryption SSE-KMS), a connection
// password. The sealed form is a prefix and the envelope (security/kms/envelope.ts) in base64, so a
// reader can tell it from plain text and open it with the key it names.
import { decryptBuffer, encryptBuffer } from '../kms/envelope.js';
import type { KeyRing } from '../kms/key-ring.js';

export const SEALED_PREFIX = 'sluice-sealed:';

export const isSealedText = (text: string) => text.startsWith(SEALED_PREFIX);

export function sealText(ring: KeyRing, key: string, text: string): string {
  return SEALED_PREFIX + encryptBuffer(ring, key, Buffer.from(text, 'utf8')).toString('base64');
}

/** Opens sealed text; plain text is returned as it is. `what` names the text in errors. */
export function openText(ring: KeyRing, text: string, what: string): string {
  if (!isSealedText(text)) return text;
  return decryptBuffer(ring, Buffer.from(text.slice(SEALED_PREFIX.length), 'base64'), what).toString('utf8');
}

/** Seals with key when one is given, opens whatever was sealed: what a store of such texts needs. */
export interface TextCodec {
  seal(text: string): string;
  open(text: string): string;
}

export function textCodec(ring: () => KeyRing, what: string, key?: string): TextCodec {
  return {
    seal: (text) => (key ? sealText(ring(), key, text) : text),
    open: (text) => (isSealedText(text) ? openText(ring(), text, what) : text),
  };
}
