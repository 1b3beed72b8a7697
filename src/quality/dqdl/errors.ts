// A malformed ruleset is the user's mistake, so it surfaces as InvalidInputException (HTTP 400)
// with the line and column of the problem and what was expected there.
import { SluiceError } from '../../kernel/errors.js';

export interface Position {
  offset: number;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export class DqdlError extends SluiceError {
  constructor(
    readonly detail: string,
    readonly position: Position,
  ) {
    super('InvalidInputException', `Ruleset is invalid: line ${position.line}, column ${position.column}: ${detail}`);
  }
}
