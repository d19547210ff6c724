import { customOp } from '@mlpkit/autograd';
import {
  MlpkitError, type Tensor, checkTensor, formatShape, fusedLinear, fusedLinearBackward, matmulTransposed, reshape, sizeOf, sum,
} from '@mlpkit/tensor';

function check(input: Tensor, weight: Tensor, bias: Tensor | null | undefined): void {
  checkTensor('linear', input);
  checkTensor('linear', weight, 'weight');
  if (bias !== null && bias !== undefined) checkTensor('linear', bias, 'bias');
  if (weight.ndim !== 2) throw new MlpkitError('linear', `weight must be 2-D [out, in], got ${formatShape(weight.shape)}`);
  const [outF, inF] = weight.shape;
  if (input.ndim < 1 || input.shape[input.ndim - 1] !== inF)
    throw new MlpkitError('linear', `input has ${input.shape[input.ndim - 1] ?? 'no'} features in its last dim but weight ${formatShape(weight.shape)} expects ${inF}: input shape ${formatShape(input.shape)}`);
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== outF))
    throw new MlpkitError('linear', `bias must have shape [${outF}] to match weight ${formatShape(weight.shape)}, got ${formatShape(bias.shape)}`);
}

/**
 * y = x Wᵀ + b over the last dim of `input` (any leading dims), as `torch.nn.functional.linear`.
 * One fused op whose backward is the three products the courses derive by hand:
 * dX = dY W, dW = dYᵀ X, db = Σ dY, computed with transposed matmuls instead of copies.
 *
 * @example
 * linear(x, weight, bias); // x [N, in], weight [out, in], bias [out] → [N, out]
 */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor | null): Tensor {
  check(input, weight, bias);
  const [outF, inF] = weight.shape;
  // From the leading dims, not size / inF: with inF = 0 the size is 0 whatever the rows are.
  const leading = input.shape.slice(0, -1);
  const rows = sizeOf(leading);
  const outShape = [...leading, outF];
  const inputs = bias ? [input, weight, bias] : [input, weight];
  // Leading dims fold into one batch dim; reshape of contiguous storage copies nothing.
  const x2 = reshape(input.detach(), [rows, inF]);
  return customOp(
    'linear',
    inputs,
    () => reshape(fusedLinear(x2, weight, bias ?? null) ?? linearForward(x2, weight, bias), outShape),
    (grad, _output, needs, into) => {
      const g2 = reshape(grad, [rows, outF]);
      const wanted = [needs[0], needs[1], !!bias && needs[2]] as const;
      // autograd offers the weight's own gradient to add dW into (zeroGrad(false), or gradients
      // accumulating over passes); a null dW where it was needed means the backend did so.
      const target = wanted[1] ? into[1] ?? null : null;
      const [dX, dW, dB] = fusedLinearBackward(g2, x2, weight, wanted, target?.data) ?? linearBackward(g2, x2, weight, wanted);
      return [dX && reshape(dX, input.shape), dW ?? target, dB].slice(0, inputs.length);
    },
    { pure: true },
  );
}

// The composed forward and backward: what a backend's fused kernels must reproduce.
function linearForward(x2: Tensor, weight: Tensor, bias: Tensor | null | undefined): Tensor {
  const y = matmulTransposed(x2, weight, false, true);
  if (bias) {
    const out = y.data, b = bias.data, outF = b.length;
    for (let i = 0; i < out.length; i += outF) for (let j = 0; j < outF; j++) out[i + j] += b[j];
  }
  return y;
}

function linearBackward(g2: Tensor, x2: Tensor, weight: Tensor, needs: readonly [boolean, boolean, boolean]): [Tensor | null, Tensor | null, Tensor | null] {
  return [
    needs[0] ? matmulTransposed(g2, weight, false, false) : null,
    needs[1] ? matmulTransposed(g2, x2, true, false) : null,
    needs[2] ? sum(g2, 0) : null,
  ];
}
