import type { Backend } from './backend.js';
import { coreState } from './core-state.js';
import { MlpkitError, describe } from './errors.js';
import type { Primitive, PrimitiveParams } from './primitives.js';
import type { TensorStorage } from './storage.js';
import { referenceBackend } from './reference/index.js';
import { Tensor } from './tensor.js';

/**
 * The narrow observer autograd installs to record the graph. tensor never imports
 * autograd: it only tells the recorder which primitive ran on which inputs.
 */
export interface GradRecorder {
  record(op: Primitive, inputs: readonly Tensor[], params: unknown, output: Tensor): void;
  backward(root: Tensor, gradient: Tensor | undefined, options: { retainGraph?: boolean }): void;
}

/** Chooses the backend every later op runs on. Nothing chooses one on import. */
export function setBackend(backend: Backend): void {
  const kernels = (backend as Partial<Backend> | null)?.kernels as Record<string, unknown> | undefined;
  const missing = Object.keys(referenceBackend.kernels).filter((op) => typeof kernels?.[op] !== 'function');
  if (missing.length > 0)
    throw new MlpkitError('setBackend', `expected a Backend with a kernel for every primitive, got ${describe(backend)}${kernels ? ` missing ${missing.join(', ')}` : ''}`);
  coreState().backend = backend;
}

/**
 * The backend ops currently run on (the reference backend until `setBackend`). Only this
 * package uses it (scripts/architecture.test.ts checks): every other package goes through tensor's functions, which
 * fall back to a readable definition when the backend has no entry for them.
 */
export function getBackend(): Backend {
  return coreState().backend ?? referenceBackend;
}

/** Installs (or with null, removes) the gradient recorder. Called by @mlpkit/autograd. */
export function setGradRecorder(next: GradRecorder | null): void {
  coreState().recorder = next;
}

/** The installed gradient recorder, or null while no tensor requires grad. */
export function getGradRecorder(): GradRecorder | null {
  return coreState().recorder;
}

/** The single dispatch point: runs a primitive on the current backend and lets autograd see it. */
export function run<P extends Primitive>(op: P, inputs: readonly Tensor[], params: PrimitiveParams[P]): Tensor {
  const { backend, recorder } = coreState();
  const kernel = (backend ?? referenceBackend).kernels[op] as (inputs: readonly Tensor[], params: PrimitiveParams[P]) => TensorStorage;
  const out = kernel(inputs, params);
  const output = Tensor.fromStorage(out);
  for (const input of inputs) {
    if (!input.requiresGrad) continue;
    if (!recorder)
      throw new MlpkitError(op, 'an input requires grad but no autograd recorder is installed (mark tensors with requiresGrad() from @mlpkit/autograd)');
    recorder.record(op, inputs, params, output);
    break;
  }
  return output;
}
