/**
 * Long fits written as generators that `yield` between chunks of work (a Newton step, a block of
 * rows, a boosting round). Tests and benchmarks run them straight through; the worker runs them
 * with a checkpoint between chunks, which lets the worker's message loop take a Cancel and lets
 * the checkpoint abandon the fit by throwing. A synchronous loop cannot be cancelled at all: the
 * cancel message only arrives after it has finished.
 */
export type Stepwise<T> = Generator<void, T, void>;

/** Runs a stepwise computation to the end, without pausing. */
export function runToEnd<T>(steps: Stepwise<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * Runs a stepwise computation, calling `checkpoint` after every `every`-th chunk (a checkpoint
 * that throws stops the computation there).
 */
export async function runWithCheckpoints<T>(steps: Stepwise<T>, checkpoint: () => Promise<void> | void, every = 1): Promise<T> {
  let chunks = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (++chunks % every === 0) await checkpoint();
  }
}
