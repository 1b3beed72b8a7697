// The key service's errors. Every one names the key, so a person can tell which key is missing or
// which master key does not fit, and none ever yields garbage: GCM authentication refuses first.
import { SluiceError } from '../../kernel/errors.js';

export const keyNotFound = (key: string) =>
  new SluiceError('EntityNotFoundException', `KMS key ${key} does not exist in the local key service (sluice kms list shows the keys)`);

export const noMasterKey = (key: string) =>
  new SluiceError(
    'AccessDeniedException',
    `Cannot use KMS key ${key}: sluice.yaml has no kms.masterKey, so the local key service cannot open any key`,
  );

export const wrongMasterKey = (key: string) =>
  new SluiceError(
    'AccessDeniedException',
    `Cannot use KMS key ${key}: the configured kms.masterKey is not the one this key was created with`,
  );

export const undecryptable = (key: string, what: string) =>
  new SluiceError(
    'AccessDeniedException',
    `Cannot decrypt ${what} with KMS key ${key}: the data key or the ciphertext does not authenticate (wrong key, or the data was altered)`,
  );
