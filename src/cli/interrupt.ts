// Ctrl-C while a command follows a run, the same for `job run`, `crawler run` and `workflow run`: the
// first stops the run (and the command keeps following it until it has stopped, then exits 130); a
// second leaves the run going and says how to follow it. Silence either way left the user guessing
// whether the run was still going.
export interface Interrupt {
  /** True once Ctrl-C was pressed. */
  readonly interrupted: boolean;
  dispose(): void;
}

export function stopOnInterrupt(what: string, stop: () => Promise<unknown>, followHint: string): Interrupt {
  const state = { interrupted: false };
  const onSigint = () => {
    if (state.interrupted) {
      process.stderr.write(`\nLeft ${what} to end by itself. Follow it with: ${followHint}\n`);
      process.exit(130);
    }
    state.interrupted = true;
    process.stderr.write(`\nCtrl-C: stopping ${what} (press Ctrl-C again to leave it running)\n`);
    stop().catch((e: Error) => process.stderr.write(`Could not stop ${what}: ${e.message}\n`));
  };
  process.on('SIGINT', onSigint);
  return {
    get interrupted() {
      return state.interrupted;
    },
    dispose: () => void process.off('SIGINT', onSigint),
  };
}
