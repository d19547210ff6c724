import { gradcheck, numericJacobian, requiresGrad } from '@mlpkit/autograd';
import * as T from '@mlpkit/tensor';
import { toTensor } from '../fixture.js';
import type { CaseOutcome, FixtureCase, HandlerTable } from '../types.js';

type Fn = (inputs: Record<string, T.Tensor>, fixed: Record<string, T.Tensor>) => T.Tensor;

// relu with PyTorch's relu'(0) = 0 (maximum(x, 0) would split the gradient at 0).
const relu = (x: T.Tensor) => T.where(T.gt(x, 0), x, 0);
const logSoftmax = (x: T.Tensor) => T.sub(x, T.logsumexp(x, -1, true));

/** The composite functions the gradcheck fixtures name, keyed by their `params.function`. */
const functions: Record<string, { args: string[]; fn: Fn }> = {
  'sum(tanh(x @ W + b))': { args: ['x', 'W', 'b'], fn: ({ x, W, b }) => T.sum(T.tanh(T.add(T.matmul(x, W), b))) },
  'sum_i logsumexp_j(x[i, j])': { args: ['x'], fn: ({ x }) => T.sum(T.logsumexp(x, 1)) },
  'mean_i -log_softmax(logits)[i, target_i]': {
    args: ['logits'],
    fn: ({ logits }, { target }) => T.neg(T.mean(T.gather(logSoftmax(logits), 1, T.unsqueeze(target, 1)))),
  },
  'sum(relu(x))': { args: ['x'], fn: ({ x }) => T.sum(relu(x)) },
};

/**
 * Checks mlpkit's gradcheck on the fixtures' composite functions: the value, the numeric
 * gradients it computes, the analytic gradients, and its verdict (a mismatch above 1e-5 must
 * be flagged, as at relu's kink).
 */
function runGradcheck(c: FixtureCase): CaseOutcome {
  const spec = functions[c.params.function];
  if (!spec) throw new Error(`gradcheck: no implementation for function '${c.params.function}'`);
  const fixed = Object.fromEntries(Object.entries(c.inputs).filter(([k]) => !spec.args.includes(k)).map(([k, f]) => [k, toTensor(f)]));
  const inputs = spec.args.map((k) => toTensor(c.inputs[k]));
  const call = (...xs: T.Tensor[]) => spec.fn(Object.fromEntries(spec.args.map((k, i) => [k, xs[i]])), fixed);
  const report = gradcheck(call, inputs, { eps: c.params.eps, atol: 1e-5, rtol: 1e-3, raiseException: false });
  const numeric = numericJacobian(call, inputs, c.params.eps);
  const outputs: Record<string, T.Tensor | number> = { value: call(...inputs).item() };
  spec.args.forEach((k, i) => { outputs[`numeric_grad_${k}`] = T.tensor(numeric[i], { shape: inputs[i].shape }); });
  outputs.max_abs_diff = Math.max(...report.inputs.map((r) => r.maxAbsError));
  const expectedMismatch = c.outputs.max_abs_diff.data[0] > 1e-5;
  const leaves = inputs.map((x) => requiresGrad(x.detach()));
  call(...leaves).backward();
  return {
    outputs,
    grads: Object.fromEntries(spec.args.map((k, i) => [k, leaves[i].grad!])),
    checks: [{ what: 'gradcheck verdict', ok: report.ok === !expectedMismatch, detail: `ok=${report.ok}, expected ok=${!expectedMismatch}` }],
  };
}

export const gradcheckHandlers: HandlerTable = { gradcheck: runGradcheck };
