// Interactive sessions: SQL statements over the Data Catalog (see README.md).
import { sessionOperations } from './session-operations.js';
import { statementOperations } from './statement-operations.js';

export const sessionsOperations = [...sessionOperations, ...statementOperations];
