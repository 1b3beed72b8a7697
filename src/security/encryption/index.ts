// Encryption's operations: security configurations and the catalog's encryption settings.
import { catalogEncryptionOperations } from './catalog-encryption.js';
import { securityConfigurationOperations } from './security-configurations.js';

export const encryptionOperations = [...securityConfigurationOperations, ...catalogEncryptionOperations];
