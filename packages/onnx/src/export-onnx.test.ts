import { activations } from '@mlpkit/activations';
import { Dropout, Flatten, Identity, Linear, Maxout, Module, PReLU, Sequential, predict } from '@mlpkit/nn';
import { BatchNorm1d, LayerNorm, MinMaxScaler, Normalize, PCA, PixelScaler, type Scaler, ScalerPipeline, StandardScaler } from '@mlpkit/normalization';
import { type Tensor, abs, add, manualSeed, mul, randn } from '@mlpkit/tensor';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { exportOnnx } from './export-onnx.js';
import { activationExporters } from './export-activation.js';

/** Runs the exported model in onnxruntime on `x` and checks it against mlpkit's predict within 1e-5. */
async function check(model: Module, x: Tensor, options: { scaler?: Scaler; opset?: number } = {}): Promise<void> {
  const bytes = exportOnnx(model, { inputShape: [1, ...x.shape.slice(1)], ...options });
  const session = await ort.InferenceSession.create(bytes);
  const { output } = await session.run({ input: new ort.Tensor('float32', Float32Array.from(x.data), [...x.shape]) });
  const expected = predict(model, x, { scaler: options.scaler });
  expect(output.dims).toEqual(expected.shape);
  const got = output.data as Float32Array;
  let worst = 0;
  expected.data.forEach((v, i) => { worst = Math.max(worst, Math.abs(got[i] - v) / Math.max(1, Math.abs(v))); });
  expect(worst, `${model.toString()}${options.scaler ? ` behind a ${options.scaler.type}` : ''}`).toBeLessThan(1e-5);
}

describe('exportOnnx, run in onnxruntime', () => {
  manualSeed(0);

  it('exports every activation layer (operator or exact decomposition) matching mlpkit', async () => {
    const x = mul(randn([16, 6]), 4); // wide enough to reach every kink, clip and saturation
    const options = { negativeSlope: 0.2, alpha: 0.7, beta: 2, threshold: 3, minVal: -0.5, maxVal: 2, dim: 1 };
    for (const [name, make] of Object.entries(activations)) {
      await check(new Sequential(new Linear(6, 5), make(options)), x);
      if (name === 'gelu') await check(new Sequential(new Linear(6, 5), make({ approximate: 'tanh' })), x);
      await check(new Sequential(new Linear(6, 5), make({})), x);
      await check(new Sequential(new Linear(6, 5), make(options)), x, { opset: 13 }); // the oldest opset has no HardSwish
    }
    expect(Object.keys(activationExporters)).toHaveLength(new Set(Object.values(activations).map((make) => make({}).constructor)).size);
  });

  it('exports Linear (with and without bias), BatchNorm1d and LayerNorm in eval form, Dropout, Flatten, Identity, Maxout and PReLU', async () => {
    const bn = new BatchNorm1d(12, { momentum: 0.5 });
    const model = new Sequential(
      new Flatten(), new Linear(8, 12), bn, new PReLU(12, 0.1), new Dropout(0.5), new Identity(),
      new Maxout(4, 3), new LayerNorm(4, { eps: 1e-3 }), new PReLU(), new Linear(4, 3, { bias: false }), new BatchNorm1d(3, { affine: false }),
    );
    model.train().forward(mul(randn([32, 2, 4]), 3)); // running statistics away from 0 and 1
    for (const p of [...bn.parameters()]) p.data.set(randn(p.shape).data);
    const x = randn([5, 2, 4]);
    await check(model, x);
    await check(model, x, { opset: 18 }); // ReduceMax takes its axes as an input from opset 18
    expect(model.training).toBe(true);
  });

  it('exports layers on [N, C, L] inputs: Linear as MatMul, BatchNorm1d and PReLU along dim 1', async () => {
    const bn = new BatchNorm1d(3);
    const model = new Sequential(new Linear(4, 6), bn, new PReLU(3, 0.2), new Flatten(), new Linear(18, 2));
    model.train().forward(mul(randn([8, 3, 4]), 2));
    await check(model, randn([5, 3, 4]));
  });

  it('folds the scaler in front, so the ONNX model takes raw inputs', async () => {
    const raw = mul(randn([20, 5]).abs(), 100);
    const model = new Sequential(new Linear(5, 4), new Sequential(activations.tanh({})), new Linear(4, 2));
    await check(model, raw, { scaler: new PixelScaler({ featureRange: [-1, 1] }) });
    await check(model, raw, { scaler: new StandardScaler().fit(raw) });
    await check(new Sequential(new Linear(3, 2)), raw, { scaler: new PCA({ nComponents: 3 }).fit(raw) });
  });

  it('folds a scaler that acts on each value alone in front of images [N, C, H, W]', async () => {
    const pixels = mul(randn([3, 2, 4, 4]).abs(), 100);
    const model = new Sequential(new Flatten(), new Linear(32, 3));
    await check(model, pixels, { scaler: new PixelScaler({ featureRange: [-1, 1] }) });
    await check(model, pixels, { scaler: new ScalerPipeline([new PixelScaler(), new Normalize({ mean: [0.4, 0.5], std: [0.2, 0.3] })]) });
  });

  it('keeps a large mean exact: the scaler subtracts its center before it scales', async () => {
    const years = add(mul(randn([20, 5]), 2), 2024); // x / 2 − 1012 in float32 would be 1e-4 off
    const model = new Sequential(new Linear(5, 2));
    await check(model, years, { scaler: new StandardScaler().fit(years) });
    await check(model, years, { scaler: new PCA({ whiten: true }).fit(years) });
  });

  it('folds a clipping MinMaxScaler as its affine map then Clip, alone and inside a pipeline', async () => {
    const model = new Sequential(new Linear(5, 2));
    // Fitted on ±300, so a probe of 0–255 alone would never see the clip; run on ±1000.
    const clip = new MinMaxScaler({ featureRange: [-1, 1], clip: true }).fit(mul(randn([40, 5]), 300));
    await check(model, mul(randn([30, 5]), 1000), { scaler: clip });
    const steps = new ScalerPipeline([new StandardScaler(), new MinMaxScaler({ clip: true })]).fit(randn([40, 5]));
    await check(model, mul(randn([30, 5]), 3), { scaler: steps });
  });

  it('refuses what it cannot export, naming it', () => {
    expect(() => exportOnnx(new Sequential(new Linear(2, 2)), { inputShape: [784] })).toThrow(/inputShape must list the batch dim/);
    expect(() => exportOnnx(new Sequential(new Linear(2, 2)), { inputShape: [1, 2], opset: 12 })).toThrow(/opset must be an integer from 13 to 21/);
    expect(() => exportOnnx(new Sequential(new LayerNorm(2)), { inputShape: [1, 2], opset: 16 })).toThrow(/LayerNormalization, which needs opset 17/);
    expect(() => exportOnnx(new Sequential(new BatchNorm1d(2, { trackRunningStats: false })), { inputShape: [1, 2] })).toThrow(/needs running statistics/);
    expect(() => exportOnnx(new Sequential(new Linear(2, 2)), { inputShape: [1, 2], axis: 1 } as never)).toThrow("exportOnnx: unknown option 'axis' (expected 'inputShape', 'scaler', 'opset', 'producerName')");
    expect(() => exportOnnx(new Linear(2, 2), { inputShape: [1, 2], scaler: { type: 'X', fitted: true } as never })).toThrow(
      'exportOnnx: expected scaler to be a scaler (type, fitted, fit, transform, fitTransform, inverseTransform, toJSON), got an object (Object)',
    );
    expect(() => exportOnnx(new Linear(2, 2), { inputShape: [1, 2], producerName: 5 as never })).toThrow('exportOnnx: expected producerName to be a string, got number 5');
    // Registering a class for model files would not give it an ONNX export: the refusal is exportOnnx's own.
    class Doubler extends Module { override forward(x: Tensor) { return mul(x, 2); } }
    class ScaledLinear extends Linear { override forward(x: Tensor) { return mul(super.forward(x), 2); } }
    const refusal = (model: unknown) => () => exportOnnx(model as Module, { inputShape: [1, 2] });
    expect(refusal(new Sequential(new Linear(2, 2), new Doubler()))).toThrow('exportOnnx: model.1 is a Doubler, which has no ONNX export; exportable: Sequential, Linear,');
    expect(refusal(new Sequential(new Sequential(new ScaledLinear(2, 2))))).toThrow('exportOnnx: model.0.0 is a ScaledLinear, a subclass of Linear (only the exact class is exported');
    expect(refusal(new Sequential((x: Tensor) => mul(x, 2)))).toThrow('exportOnnx: model.0 is the function (anonymous), whose code ONNX cannot hold');
    expect(refusal({ forward: (x: Tensor) => x })).toThrow('exportOnnx: expected model to be a Module, got an object (Object)');
    expect(refusal(new Sequential(new Flatten(0)))).toThrow('exportOnnx: model.0 is Flatten(startDim=0, endDim=-1), which merges the batch dim into the features');
    // The identity on 0–255 but not on negative inputs: exporting it as the identity would be wrong.
    class Absolute implements Scaler {
      readonly type = 'Absolute';
      readonly fitted = true;
      fit() { return this; }
      transform(x: Tensor) { return abs(x); }
      fitTransform(x: Tensor) { return abs(x); }
      inverseTransform(x: Tensor) { return x; }
      toJSON() { return { type: this.type, version: 1 as const, config: {}, state: null }; }
    }
    expect(() => exportOnnx(new Linear(2, 2), { inputShape: [1, 2], scaler: new Absolute() })).toThrow('exportOnnx: the Absolute is not an affine map of its inputs');
    expect(() => exportOnnx(new Sequential(new Flatten(), new Linear(4, 2)), { inputShape: [1, 1, 2, 2], scaler: new Absolute() })).toThrow(
      'exportOnnx: the Absolute is not an affine map of each value alone, so it cannot be folded in front of inputs [N, 1, 2, 2]',
    );
  });
});
