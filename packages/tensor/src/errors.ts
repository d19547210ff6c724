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
  return Array.isArray(shape) ? `[${shape.join(', ')}]` : describe(shape);
}

/** A short description of any value for error messages: its type, and its value when short. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return `an object (${value.constructor?.name ?? 'Object'})`;
  return `${typeof value} ${String(value)}`;
}
