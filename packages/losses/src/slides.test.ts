import { relu, softmax } from '@mlpkit/activations';
import { concat, log, matmul, ones, tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { crossEntropy } from './index.js';

/** A column of ones before x, so the first row of W holds the biases (the slides' convention). */
const withBias = (x: ReturnType<typeof tensor>) => concat([ones([x.shape[0], 1]), x], 1);

describe('1-mlp-insight, MLP example 1 (Iris petal length and width)', () => {
  const x = tensor([[1.5, 0.2], [4.7, 1.6], [5.6, 2.2]]);
  const y = tensor([0, 1, 2], { dtype: 'int32' });
  const close = (t: ReturnType<typeof tensor>, want: number[][], digits: number) =>
    (t.tolist() as number[][]).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i][j], digits)));

  it('runs the forward pass from the printed weights (biases in the first row)', () => {
    // The slides print W_h and W_z rounded to 2 decimals but computed h and z with the
    // unrounded ones (their h is [1.373, -1.696], ...), so the products of the printed weights
    // are checked here, worked out by hand: h = [1, x] W_h, z = [1, relu(h)] W_z.
    const wh = tensor([[0.0, 0.0], [0.86, -1.04], [0.41, -0.65]]);
    const wz = tensor([[0.0, 0.0, 0.0], [0.32, 0.25, 0.14], [-0.47, -1.06, 0.063]]);
    const h = matmul(withBias(x), wh);
    const z = matmul(withBias(relu(h)), wz);
    close(h, [[1.372, -1.69], [4.698, -5.928], [5.718, -7.254]], 5);
    close(relu(h), [[1.372, 0], [4.698, 0], [5.718, 0]], 5);
    close(z, [[0.43904, 0.343, 0.19208], [1.50336, 1.1745, 0.65772], [1.82976, 1.4295, 0.80052]], 5);
    // 1.2731 with the rounded weights, against the slides' 1.269.
    expect(crossEntropy(z, y).item()).toBeCloseTo(1.2731, 4);
  });

  it('gives the slides\' softmax rows and the loss 1.269 from their logits z', () => {
    const z = tensor([[0.439, 0.356, 0.195], [1.507, 1.220, 0.670], [1.835, 1.485, 0.816]]);
    close(softmax(z), [[0.369, 0.340, 0.289], [0.458, 0.343, 0.198], [0.484, 0.341, 0.174]], 2);
    expect(crossEntropy(z, y).item()).toBeCloseTo(1.269, 3);
  });
});

describe('5-deep-neural-networks: cross-entropy of one prediction', () => {
  it('is −log 0.8 = 0.2231 for a cat predicted at 0.8 (dog 0.2)', () => {
    // Logits log p reproduce p through softmax, so the loss is −log 0.8.
    const logits = log(tensor([[0.2, 0.8]], { dtype: 'float64' }));
    expect(crossEntropy(logits, tensor([1], { dtype: 'int32' })).item()).toBeCloseTo(0.2231, 4);
    // The same with the one-hot target [0, 1] as probabilities.
    expect(crossEntropy(logits, tensor([[0, 1]], { dtype: 'float64' })).item()).toBeCloseTo(0.2231, 4);
  });
});
