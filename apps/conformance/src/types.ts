import type { Tensor } from '@mlpkit/tensor';

/** A tensor as the fixture files store it: flat row-major data. */
export interface FixtureTensor {
  shape: number[];
  dtype: 'float32' | 'float64' | 'int' | 'bool';
  data: number[];
}

/** One case of a fixture file (see fixtures/README.md for every field). */
export interface FixtureCase {
  name: string;
  op: string;
  params: Record<string, any>;
  inputs: Record<string, FixtureTensor>;
  outputs: Record<string, FixtureTensor>;
  no_grad: boolean;
  grad_output?: FixtureTensor;
  grad_of?: string;
  grads?: Record<string, FixtureTensor>;
  note?: string;
  error?: { type: string; message: string };
}

/** A named pass/fail verdict for what plain value comparison cannot judge (statistics, errors). */
export interface Check {
  what: string;
  ok: boolean;
  detail?: string;
}

/**
 * What a handler hands back. The runner compares `outputs` with the case's expected outputs
 * (every expected output must be present, unless covered by `checks`), runs backward from
 * the output `grad_of` names with `grad_output`, and compares `leaves[k].grad` with `grads[k]`.
 */
export interface CaseOutcome {
  outputs?: Record<string, Tensor | number | readonly number[]>;
  leaves?: Record<string, Tensor>;
  /** Gradients the handler computed itself (for cases whose gradient is not a plain backward). */
  grads?: Record<string, Tensor>;
  checks?: Check[];
  /** Expected outputs the handler deliberately leaves to `checks` (e.g. PyTorch's own random samples). */
  skipOutputs?: string[];
}

/** Runs one case through mlpkit. A case with an `error` passes when its handler throws. */
export type CaseHandler = (c: FixtureCase) => CaseOutcome | Promise<CaseOutcome>;

/** Handlers keyed by the fixture `op` they implement. */
export type HandlerTable = Record<string, CaseHandler>;
