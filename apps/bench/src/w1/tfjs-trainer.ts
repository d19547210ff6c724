import type { W1Data } from './data.js';
import type { W1Trainer } from './protocol.js';
import { INFERENCE_BATCH, W1_LR } from './spec.js';

/**
 * W1 in TensorFlow.js (`wasm` or `cpu` backend), written the way its documentation trains a
 * model by hand: variables with PyTorch's default init, `optimizer.minimize` of a mean softmax
 * cross-entropy, batches gathered in JS from the same normalized arrays and a new permutation
 * per epoch (so neither side pays for slicing a 188 MB tensor). Tensors are disposed by tf.tidy.
 */
export async function tfjsTrainer(data: W1Data, backend: 'wasm' | 'cpu'): Promise<W1Trainer & { version: string }> {
  const tf = await import('@tensorflow/tfjs');
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  if (!(await tf.setBackend(backend))) throw new Error(`TensorFlow.js ${backend} backend failed to start`);
  await tf.ready();
  const uniform = (shape: number[], fanIn: number) => tf.variable(tf.randomUniform(shape, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), 'float32', 0));
  // Weights stored [in, out] as TF.js dense layers do; U(−1/√in, 1/√in) is PyTorch's default for both.
  const w1 = uniform([784, 256], 784), b1 = uniform([256], 784), w2 = uniform([256, 10], 256), b2 = uniform([10], 256);
  const forward = (x: import('@tensorflow/tfjs').Tensor2D) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2);
  const optimizer = tf.train.sgd(W1_LR);
  const x = new Float32Array(1024 * 784), y = new Int32Array(1024);

  const permutation = (epoch: number) => {
    let s = (epoch * 2654435761 + 1) >>> 0;
    const p = Int32Array.from({ length: data.count }, (_, i) => i);
    for (let i = p.length - 1; i > 0; i--) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const j = s % (i + 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  };
  return {
    count: data.count,
    version: tf.version.tfjs,
    async runSteps(batch, epoch, maxSteps) {
      const order = permutation(epoch);
      let steps = 0, lossSum = 0;
      const t0 = performance.now();
      for (let start = 0; start < data.count && steps < maxSteps; start += batch, steps++) {
        const n = Math.min(batch, data.count - start);
        for (let i = 0; i < n; i++) {
          const r = order[start + i];
          x.set(data.features.subarray(r * 784, r * 784 + 784), i * 784);
          y[i] = data.labels[r];
        }
        const loss = tf.tidy(() => {
          const xs = tf.tensor2d(x.subarray(0, n * 784), [n, 784]);
          const labels = tf.oneHot(tf.tensor1d(y.subarray(0, n), 'int32'), 10);
          return optimizer.minimize(() => tf.losses.softmaxCrossEntropy(labels, forward(xs)) as import('@tensorflow/tfjs').Scalar, true)!;
        });
        lossSum += (await loss.data())[0];
        loss.dispose();
      }
      return { steps, seconds: (performance.now() - t0) / 1000, lossSum };
    },
    async infer(start) {
      const out = tf.tidy(() => forward(tf.tensor2d(data.features.subarray(start * 784, (start + INFERENCE_BATCH) * 784), [INFERENCE_BATCH, 784])));
      await out.data();
      out.dispose();
    },
  };
}
