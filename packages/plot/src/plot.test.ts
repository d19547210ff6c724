import { Tensor } from '@mlpkit/tensor';
import { describe, expect, it } from 'vitest';
import {
  OKABE_ITO, confusionMatrixSpec, curvesSpec, functionGridSpec, histogramsSpec, layerStatsSpec, lrRangeSpec, searchResultsSpec, trainingCurvesSpec,
} from './index.js';
import { toPng, toSvg } from './node/index.js';

const long = 'ReLU + Adam, 7 hidden layers of 128 units, batch norm';

describe('@mlpkit/plot specs', () => {
  it('draws every legend label in full, in Okabe-Ito colours', async () => {
    const svg = await toSvg(curvesSpec([{ name: long, y: [0.5, 0.7, 0.8] }, { name: 'sigmoid + SGD', y: [0.1, 0.1, 0.12] }], { yTitle: 'accuracy' }));
    expect(svg).toContain(long);
    expect(svg.toLowerCase()).toContain(OKABE_ITO[0].toLowerCase());
    expect(svg.toLowerCase()).toContain(OKABE_ITO[1].toLowerCase());
  });

  it('keeps a diverged run up to where it stopped and marks it', async () => {
    const spec = curvesSpec([{ name: 'raw pixels', y: [2.3, 40, Number.NaN, Number.NaN], diverged: true }, { name: '[-1, 1]', y: [2.3, 1, 0.8, 0.7] }]);
    const layers = spec.layer as { data: { values: { x: number; y: number; series: string }[] } }[];
    expect(layers[0].data.values.filter((v) => v.series === 'raw pixels (diverged)').map((v) => v.y)).toEqual([2.3, 40]);
    expect(layers[1].data.values).toEqual([{ x: 2, y: 40, series: 'raw pixels (diverged)', stretch: 0 }]);
    const svg = await toSvg(spec);
    expect(svg).toContain('raw pixels (diverged)');
    expect(svg).toContain('>diverged<');
  });

  it('builds train / validation / test curves from a History', () => {
    const history = { records: [{ epoch: 0, loss: 1, valLoss: 1.1, testLoss: 1.2 }, { epoch: 1, loss: 0.5, valLoss: 0.7, testLoss: 0.8 }] };
    const layers = trainingCurvesSpec(history, 'loss').layer as { data: { values: { series: string }[] } }[];
    expect([...new Set(layers[0].data.values.map((v) => v.series))]).toEqual(['train', 'validation', 'test']);
    expect(() => trainingCurvesSpec(history, 'accuracy')).toThrow('trainingCurvesSpec: no record has "accuracy"');
  });

  it('leaves zero cells of a confusion matrix white and has a colour legend', async () => {
    const svg = await toSvg(confusionMatrixSpec([[5, 0], [1, 4]], ['cat', 'dog']));
    expect(svg).toMatch(/fill="white"/);
    expect(svg).toContain('linearGradient');
    expect(svg).toContain('>count<');
    expect(() => confusionMatrixSpec([[1, 2]], ['a', 'b'])).toThrow('confusionMatrixSpec: expected a 2×2 matrix');
  });

  it('names the three regions of the LR range test and the suggestion', async () => {
    const lrs = Array.from({ length: 30 }, (_, i) => 1e-6 * 10 ** (i / 4));
    const losses = lrs.map((lr) => (lr < 1e-3 ? 2.3 : lr < 0.1 ? 2.3 - 10 * lr : 5));
    const svg = await toSvg(lrRangeSpec({ lrs, losses, suggestedLr: 1e-2, minLossLr: 0.05 }));
    for (const text of ['too low', 'good', 'exploding', 'suggested 1.0e-2']) expect(svg).toContain(text);
    expect(() => lrRangeSpec({ lrs: [1, 2], losses: [1], suggestedLr: 1 })).toThrow('lrs and losses must have the same length');
  });

  it('draws histograms, layer statistics, search results and function grids, and renders PNG', async () => {
    const hist = histogramsSpec([{ name: 'layer 1', edges: [-1, 0, 1], counts: [1, 3] }, { name: 'layer 2', edges: [-1, 0, 1], counts: [2, 2] }]);
    expect(await toSvg(hist)).toContain('layer 2');
    expect(() => histogramsSpec([{ name: 'x', edges: [0, 1], counts: [1, 2] }])).toThrow('edges must have one more entry than counts');
    expect(await toSvg(layerStatsSpec([{ name: 'He, ReLU', layers: [{ mean: 0.5, std: 0.8 }, { mean: 0.4, std: 0.7 }] }]))).toContain('He, ReLU');
    const search = searchResultsSpec([{ params: { lr: 1e-3, reg: 1e-4 }, score: 0.8 }, { params: { lr: 1, reg: 1e-2 }, score: Number.NaN }], { x: 'lr', y: 'reg', metric: 'val_acc' });
    expect(await toSvg(search)).toContain('val_acc');
    const grid = functionGridSpec([{ name: 'relu', x: [-1, 0, 1], f: [0, 0, 1], df: [0, 0, 1] }]);
    const png = toPng(await toSvg(grid));
    expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('refuses unknown options', () => {
    const bad = { titel: 'x' } as object;
    const history = { records: [{ epoch: 0, loss: 1 }] };
    expect(() => curvesSpec([{ name: 'a', y: [1] }], bad)).toThrow("curvesSpec: unknown option 'titel'");
    expect(() => trainingCurvesSpec(history, 'loss', bad)).toThrow("trainingCurvesSpec: unknown option 'titel'");
    expect(trainingCurvesSpec(history, 'loss', { labels: { train: 'fit' } })).toBeTruthy();
    expect(() => confusionMatrixSpec([[1]], ['a'], bad)).toThrow("confusionMatrixSpec: unknown option 'titel'");
    expect(() => lrRangeSpec({ lrs: [1, 2], losses: [1, 2], suggestedLr: 1 }, bad)).toThrow("lrRangeSpec: unknown option 'titel'");
    expect(() => histogramsSpec([{ name: 'h', edges: [0, 1], counts: [1] }], bad)).toThrow("histogramsSpec: unknown option 'titel'");
    expect(() => layerStatsSpec([{ name: 's', layers: [{ mean: 0, std: 1 }] }], bad)).toThrow("layerStatsSpec: unknown option 'titel'");
    expect(() => searchResultsSpec([{ params: { a: 1, b: 2 }, score: 1 }], { x: 'a', y: 'b', titel: 'x' } as never)).toThrow("searchResultsSpec: unknown option 'titel'");
    expect(() => functionGridSpec([{ name: 'f', x: [0], f: [0], df: [0] }], bad)).toThrow("functionGridSpec: unknown option 'titel'");
    expect(() => toPng('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>', { zoom: 2 } as object)).toThrow("toPng: unknown option 'zoom'");
  });

  it('refuses arguments of the wrong type with an MlpkitError naming the builder', () => {
    const m = new Tensor(new Float32Array([1, 0, 0, 1]), [2, 2]);
    expect(() => confusionMatrixSpec(m as never, undefined as never)).toThrow('confusionMatrixSpec: matrix: expected rows of counts (an array of arrays), got an object (Tensor) (pass matrix.tolist())');
    expect(() => confusionMatrixSpec([[1]], undefined as never)).toThrow('confusionMatrixSpec: classNames: expected an array of strings, got undefined');
    expect(() => confusionMatrixSpec([[1]], [1] as never)).toThrow('confusionMatrixSpec: classNames: expected an array of strings, got an array of length 1');
    expect(() => histogramsSpec([null] as never)).toThrow('histogramsSpec: histogram 0: expected an object, got null');
    expect(() => histogramsSpec({ name: 'h', edges: [0, 1], counts: [1] } as never)).toThrow('histogramsSpec: expected at least one histogram, got an object (Object)');
    expect(() => histogramsSpec([{ edges: [0, 1], counts: [1] }] as never)).toThrow('histogramsSpec: histogram 0: expected a string name, got undefined');
    expect(() => curvesSpec([null] as never)).toThrow('curvesSpec: series 0: expected an object, got null');
    expect(() => functionGridSpec([5] as never)).toThrow('functionGridSpec: function 0: expected an object, got number 5');
    expect(() => layerStatsSpec([{ name: 's', layers: null }] as never)).toThrow('layerStatsSpec: s: every layer needs a number "mean"');
    expect(() => searchResultsSpec([null] as never, { x: 'a', y: 'b' })).toThrow('searchResultsSpec: trial 0: expected an object, got null');
    expect(() => (searchResultsSpec as (t: unknown) => unknown)([{ params: { a: 1 }, score: 1 }])).toThrow('searchResultsSpec: expected options naming the params to plot, { x, y }, got undefined');
  });
});
