// The operation registry: every capability of Sluice is an operation here, and the three faces
// (TypeScript API, CLI, HTTP) only dispatch into it. An operation is registered or it does not exist.
import { randomUUID } from 'node:crypto';
import type { GlueOperations } from './glue-types.js';
import { loadGlueModel } from './model.js';
import { validateInput } from './validate.js';
import { SluiceError } from './errors.js';
import { withTokenBinding } from './pagination.js';
import type { Services } from './services.js';

export interface CallContext {
  services: Services;
  accountId: string;
  region: string;
  requestId: string;
  /**
   * Set when Sluice itself calls on a trigger's behalf (the workflow executor), never by a client:
   * what Glue records on the runs a trigger starts (JobRun.TriggerName).
   */
  startedBy?: StartedBy;
  /**
   * Set by the HTTP face outside dev mode: authorizes a further action a handler takes on the
   * caller's behalf (RunCatalogQuery reading each table it names). Throws AccessDeniedException.
   * `context` adds condition keys (lower-case names, e.g. sluice:columnname) to the request's.
   */
  authorize?: (action: string, resources: string[], context?: Record<string, string>) => Promise<void>;
}

export interface StartedBy {
  triggerName: string;
}

export type GlueOperationName = keyof GlueOperations;

export interface Operation<I = any, O = any> {
  name: string;
  /** Sluice-only operations are not in the Glue model; they validate their own input. */
  sluiceOnly?: boolean;
  /** For the coverage report: what of the Glue operation is not implemented yet. */
  partial?: string;
  validate?: (input: unknown) => I;
  handler: (input: I, ctx: CallContext) => Promise<O>;
}

export function glueOperation<N extends GlueOperationName>(
  name: N,
  handler: (input: GlueOperations[N]['input'], ctx: CallContext) => Promise<GlueOperations[N]['output']>,
  options: { partial?: string } = {},
): Operation {
  return { name, handler, ...options };
}

export function sluiceOperation<I, O>(
  name: string,
  validate: (input: unknown) => I,
  handler: (input: I, ctx: CallContext) => Promise<O>,
): Operation<I, O> {
  return { name, sluiceOnly: true, validate, handler };
}

export class Registry {
  private readonly ops = new Map<string, Operation>();

  constructor(operations: Operation[]) {
    const model = loadGlueModel();
    for (const op of operations) {
      if (this.ops.has(op.name)) throw new Error(`operation ${op.name} registered twice`);
      if (!op.sluiceOnly && !model.operations[op.name]) throw new Error(`${op.name} is not a Glue operation`);
      this.ops.set(op.name, op);
    }
  }

  has(name: string): boolean {
    return this.ops.has(name);
  }

  get(name: string): Operation | undefined {
    return this.ops.get(name);
  }

  list(): Operation[] {
    return [...this.ops.values()];
  }

  /** Validates the input against the model, runs the handler, and returns its output without undefineds. */
  async call(name: string, input: unknown, ctx: Omit<CallContext, 'requestId'> & { requestId?: string }): Promise<unknown> {
    const op = this.ops.get(name);
    if (!op) {
      throw new SluiceError(
        'UnknownOperationException',
        `Operation ${name} is not supported by Sluice. Run 'sluice api coverage' for the list.`,
      );
    }
    const spec = loadGlueModel().operations[name];
    const checked = op.validate ? op.validate(input ?? {}) : spec?.input ? validateInput(spec.input.shape, input) : {};
    const output = await withTokenBinding(name, ctx.accountId, checked, () =>
      op.handler(checked, { ...ctx, requestId: ctx.requestId ?? randomUUID() }),
    );
    return prune(output ?? {});
  }
}

/** Removes undefined members, as a JSON round-trip would, but keeps Dates and buffers. */
function prune(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(prune);
  if (v && typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = prune(x);
    return out;
  }
  return v;
}
