/**
 * The one error type mlpkit throws for bad input. Its message always starts with the
 * operation's name, then says what was expected and what was received, so that
 * `matmul: inner dimensions differ: [64, 784] @ [512, 256]` is enough to find the bug.
 */
export class MlpkitError extends Error {
  /** The operation that refused its input, e.g. `"matmul"`. */
  readonly op: string;
  constructor(op: string, message: string) {
    super(`${op}: ${message}`);
    this.name = 'MlpkitError';
    this.op = op;
  }
}

/** Renders a shape the way error messages and printing show it: `[2, 3]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
