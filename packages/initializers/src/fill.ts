import { type Generator, MlpkitError, type Tensor, defaultGenerator, describe, isFloating } from '@mlpkit/tensor';

/** Options every random initializer takes. */
export interface GeneratorOption {
  /** Where the random numbers come from; the global generator (`manualSeed`) when omitted. */
  generator?: Generator;
}

/** Refuses non-float tensors, which random and scaled initializers cannot fill meaningfully. */
export function requireFloat(op: string, t: Tensor): void {
  if (!isFloating(t.dtype)) throw new MlpkitError(op, `expected a float32 or float64 tensor, got dtype ${t.dtype}`);
}

/**
 * Writes `draw()` into every element of `t` in place and returns `t`. Initializers write the
 * storage directly, outside autograd, like PyTorch's `torch.no_grad()` inside `nn.init`.
 */
export function fillWith(op: string, t: Tensor, generator: Generator | undefined, draw: (g: Generator) => number): Tensor {
  requireFloat(op, t);
  const g = generatorOf(op, generator);
  const data = t.data;
  for (let i = 0; i < data.length; i++) data[i] = draw(g);
  return t;
}

/** The generator to draw from: the given one, checked (a seed number in its place has no `random`), or the global one. */
export function generatorOf(op: string, generator: Generator | undefined): Generator {
  const g: unknown = generator ?? defaultGenerator();
  if (typeof g !== 'object' || g === null || typeof (g as Generator).random !== 'function')
    throw new MlpkitError(op, `expected generator to be a Generator, got ${describe(g)}`);
  return g as Generator;
}

/** Refuses a non-finite or negative scale such as a std or bound. */
export function requireNonNegative(op: string, name: string, value: number): void {
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0))
    throw new MlpkitError(op, `${name} must be a finite non-negative number, got ${value}`);
}
