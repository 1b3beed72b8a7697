// Identifiers in Glue's style: a prefix and random hex (HashString allows up to 255 characters).
import { randomBytes } from 'node:crypto';

export const newRunId = () => `dqrun-${randomBytes(20).toString('hex')}`;
export const newResultId = () => `dqresult-${randomBytes(20).toString('hex')}`;
