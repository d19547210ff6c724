import { GELU, Hardtanh, LeakyReLU, Softplus, activations, relu, tanh } from '@mlpkit/activations';
import { Dropout, Flatten, Identity, Linear, Maxout, Module, PReLU, Sequential, loadSafetensors, saveSafetensors } from '@mlpkit/nn';
import { MlpkitError, type Tensor, manualSeed, randn } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import { BatchNorm1d } from '../layers/batch-norm-1d.js';
import { LayerNorm } from '../layers/layer-norm.js';
import { StandardScaler } from '../scalers/standard-scaler.js';
import { activationTypes } from './activation-types.js';
import { describeModel } from './describe-model.js';
import { loadModel } from './load-model.js';
import { registerModule } from './module-registry.js';
import { saveModel } from './save-model.js';

function roundTrip(model: Module, x: Tensor) {
  model.eval();
  const { model: again } = loadModel(saveModel(model));
  expect(describeModel(again)).toEqual(describeModel(model));
  expect(again.training).toBe(false);
  expect(Array.from(again.forward(x).data)).toEqual(Array.from(model.forward(x).data));
  return again;
}

describe('saveModel / loadModel', () => {
  it('round-trips every built-in layer, with trained buffers and non-default options', () => {
    manualSeed(1);
    const bn = new BatchNorm1d(8, { eps: 1e-3, momentum: 0.3 });
    const model = new Sequential(
      new Flatten(), new Linear(6, 8), bn, new PReLU(8, 0.1), new Dropout(0.3),
      new Sequential(new Linear(8, 12, { bias: false }), new Maxout(4, 3), new LayerNorm(4, { eps: 1e-4 }), new Identity()),
      new LeakyReLU(0.2), relu, new Linear(4, 3),
    );
    model.train().forward(randn([5, 2, 3])); // moves BatchNorm's running statistics off their defaults
    const again = roundTrip(model, randn([4, 2, 3]));
    expect(again.toString()).toBe(model.toString().replace('relu()', 'ReLU()')); // the function is saved as its layer
    expect(describeModel(again).model.layers?.[2]).toEqual({
      type: 'BatchNorm1d', options: { numFeatures: 8, eps: 1e-3, momentum: 0.3, affine: true, trackRunningStats: true, dtype: 'float32' },
    });
  });

  it('round-trips every activation of the registry used as a layer', () => {
    manualSeed(2);
    const names = new Set(activationTypes.map((t) => t.type));
    for (const [key, make] of Object.entries(activations)) {
      const layer = make({ negativeSlope: 0.3, alpha: 0.7, beta: 2, threshold: 5, approximate: 'tanh', minVal: -0.5, maxVal: 2, dim: 0 });
      const again = roundTrip(new Sequential(new Linear(3, 4), layer), randn([2, 3]));
      expect(names.has(describeModel(again).model.layers![1].type), key).toBe(true);
    }
    const options = describeModel(new Sequential(new Softplus(2, 5), new GELU('tanh'), new Hardtanh(-2, 3))).model.layers!.map((l) => l.options);
    expect(options).toEqual([{ beta: 2, threshold: 5 }, { approximate: 'tanh' }, { minVal: -2, maxVal: 3 }]);
  });

  it('gives back the scaler and the metadata, and refuses metadata in the format namespace', () => {
    const x = randn([10, 3]);
    const scaler = new StandardScaler().fit(x);
    const bytes = saveModel(new Sequential(new Linear(3, 2), tanh), { scaler, metadata: { epochs: '4' } });
    const loaded = loadModel(bytes);
    expect(loaded.metadata).toEqual({ epochs: '4' });
    expect(Array.from(loaded.scaler!.transform(x).data)).toEqual(Array.from(scaler.transform(x).data));
    expect(() => saveModel(new Linear(1, 1), { metadata: { 'mlpkit.architecture': '{}' } })).toThrow(/reserved/);
    expect(() => saveModel(new Linear(1, 1), { scalar: scaler } as never)).toThrow("saveModel: unknown option 'scalar' (expected 'scaler', 'metadata')");
  });

  it('refuses a model it cannot describe, naming the layer', () => {
    expect(() => saveModel(new Sequential(new Linear(2, 2), (x: Tensor) => x))).toThrow(/model\.1 is the function/);
    class Mine extends Module {
      forward(x: Tensor) { return x; }
    }
    expect(() => saveModel(new Sequential(new Mine()))).toThrow(/model\.0 is a Mine, which is not a registered module type/);
  });

  it('saves a registered module of your own, and refuses an unknown type in a file by its name', () => {
    class Block extends Module {
      fc: Linear;
      constructor(readonly width: number) {
        super();
        this.fc = new Linear(width, width);
      }
      forward(x: Tensor) { return this.fc.forward(x); }
    }
    const block = { type: 'TestBlock', module: Block, options: { width: 'integer' }, required: ['width'], config: (m: Block) => ({ width: m.width }), create: (o: any) => new Block(o.width) } as const;
    const bytes = (() => {
      try {
        return saveModel(new Sequential(new Block(3)));
      } catch {
        registerModule(block);
        registerModule(block); // registering again is harmless
        return saveModel(new Sequential(new Block(3)));
      }
    })();
    roundTrip(new Sequential(new Block(3), relu), randn([2, 3]));
    expect(() => registerModule({ ...block, module: class extends Block {} })).toThrow(/already registered for another class/);
    const { tensors, metadata } = loadSafetensors(bytes);
    const foreign = saveSafetensors(tensors, { ...metadata, 'mlpkit.architecture': metadata['mlpkit.architecture'].replace('TestBlock', 'Unheard') });
    expect(() => loadModel(foreign)).toThrow(/architecture\.model\.layers\[0\]\.type: unknown module type "Unheard"/);
  });
});

describe('loadModel on hostile files', () => {
  const good = saveModel(new Sequential(new Linear(2, 3), new Dropout(0.2)));
  const { tensors, metadata } = loadSafetensors(good);
  const arch = JSON.parse(metadata['mlpkit.architecture']);
  const withArchitecture = (text: string) => saveSafetensors(tensors, { ...metadata, 'mlpkit.architecture': text });
  const edited = (edit: (a: any) => void) => {
    const copy = structuredClone(arch);
    edit(copy);
    return withArchitecture(JSON.stringify(copy));
  };

  it('refuses each bad field with its path', () => {
    const cases: [Uint8Array, RegExp][] = [
      [withArchitecture('{"format":'), /architecture: not valid JSON/],
      [withArchitecture(JSON.stringify(arch).replace('"layers"', '"__proto__":{},"layers"')), /architecture\.model\.__proto__: this key is not allowed/],
      [edited((a) => { a.model.layers[0].options.constructor = 1; }), /layers\[0\]\.options\.constructor: this key is not allowed/],
      [edited((a) => { a.model.layers[0].options.inFeatures = '2'; }), /layers\[0\]\.options\.inFeatures: expected an integer, got "2"/],
      [edited((a) => { a.model.layers[0].options.bias = 'yes'; }), /^loadModel: expected architecture\.model\.layers\[0\]\.options\.bias to be true or false, got the string "yes"$/],
      [edited((a) => { a.model.layers[0].options.outFeature = 3; }), /layers\[0\]\.options\.outFeature: unknown field/],
      [edited((a) => { delete a.model.layers[0].options.inFeatures; }), /layers\[0\]\.options\.inFeatures: Linear needs this option/],
      [edited((a) => { a.model.layers[1].options.p = 7; }), /layers\[1\]\.options: Dropout: dropout probability p must be in \[0, 1\], got 7/],
      [edited((a) => { a.model.layers[1].options.p = null; }), /layers\[1\]\.options\.p: expected a finite number, got null/],
      [edited((a) => { a.model.layers = {}; }), /architecture\.model\.layers: expected a list of layers/],
      [edited((a) => { a.version = 2; }), /architecture\.version: this mlpkit reads version 1, got 2 \(written by a newer mlpkit\)/],
      [edited((a) => { a.model.layers[0].options.outFeatures = 4; }), /the weights do not fit the saved architecture/],
      [saveSafetensors(tensors, {}), /has no "mlpkit.architecture" metadata: it holds weights only/],
      // JSON.parse would keep the second "inFeatures"; a reader keeping the first would build another layer.
      [withArchitecture(JSON.stringify(arch).replace('"inFeatures":2', '"inFeatures":5,"inFeatures":2')), /^loadModel: architecture: the key "inFeatures" appears twice in one object/],
    ];
    for (const [bytes, message] of cases) {
      const error = (() => { try { loadModel(bytes); } catch (e) { return e; } })();
      expect(error, String(message)).toBeInstanceOf(MlpkitError);
      expect((error as Error).message).toMatch(message);
    }
  });

  it('refuses nesting deep enough to be an attack', () => {
    let spec: any = { type: 'Identity' };
    for (let i = 0; i < 100; i++) spec = { type: 'Sequential', layers: [spec] };
    expect(() => loadModel(withArchitecture(JSON.stringify({ ...arch, model: spec })))).toThrow(/nested deeper than 64/);
  });
});
