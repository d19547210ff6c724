import * as I from '@mlpkit/initializers';
import { Linear } from '@mlpkit/nn';
import { Generator, type Tensor, matmul, maximum, randn, tanh, zeros } from '@mlpkit/tensor';
import type { CaseOutcome, Check, FixtureCase, HandlerTable } from '../types.js';

// Statistical checks follow fixtures/README.md ("Initializers" and "Deep-network statistics"):
// our own samples are judged against the closed-form mean/std/bounds, never against
// PyTorch's samples, which come from a different random stream.

interface Closed { mean: number; std: number; range?: [number, number] }
type Sampler = (t: Tensor, p: Record<string, any>, generator: Generator) => void;
type ClosedForm = (shape: number[], p: Record<string, any>) => Closed;

const kaimingOptions = (p: Record<string, any>): I.KaimingOptions => ({
  a: p.a ?? 0,
  mode: p.mode === 'fan_out' ? 'fanOut' : 'fanIn',
  nonlinearity: p.nonlinearity ?? 'leaky_relu',
});
const symmetric = (mean: number, std: number, bound: number): Closed => ({ mean, std, range: [-bound, bound] });

/** Each random fixture op: how to fill a tensor, and what distribution the fill must have. */
const families: Record<string, { sample: Sampler; closed: ClosedForm }> = {
  uniform_: {
    sample: (t, p, generator) => I.uniform_(t, { a: p.a, b: p.b, generator }),
    closed: (_, p) => ({ mean: (p.a + p.b) / 2, std: I.uniformStd(p.a, p.b), range: [p.a, p.b] }),
  },
  normal_: {
    sample: (t, p, generator) => I.normal_(t, { mean: p.mean, std: p.std, generator }),
    closed: (_, p) => ({ mean: p.mean, std: p.std }),
  },
  trunc_normal_: {
    sample: (t, p, generator) => I.truncNormal_(t, { mean: p.mean, std: p.std, a: p.a, b: p.b, generator }),
    closed: (_, p) => ({ ...I.truncNormalStats({ mean: p.mean, std: p.std, a: p.a, b: p.b }), range: [p.a, p.b] }),
  },
  constant_: { sample: (t, p) => I.constant_(t, p.val), closed: (_, p) => ({ mean: p.val, std: 0 }) },
  zeros_: { sample: (t) => I.zeros_(t), closed: () => ({ mean: 0, std: 0 }) },
  ones_: { sample: (t) => I.ones_(t), closed: () => ({ mean: 1, std: 0 }) },
  xavier_uniform_: {
    sample: (t, p, generator) => I.xavierUniform_(t, { gain: p.gain, generator }),
    closed: (s, p) => symmetric(0, I.xavierStd(s, p.gain), I.xavierUniformBound(s, p.gain)),
  },
  xavier_normal_: {
    sample: (t, p, generator) => I.xavierNormal_(t, { gain: p.gain, generator }),
    closed: (s, p) => ({ mean: 0, std: I.xavierStd(s, p.gain) }),
  },
  kaiming_uniform_: {
    sample: (t, p, generator) => I.kaimingUniform_(t, { ...kaimingOptions(p), generator }),
    closed: (s, p) => symmetric(0, I.kaimingStd(s, kaimingOptions(p)), I.kaimingUniformBound(s, kaimingOptions(p))),
  },
  kaiming_normal_: {
    sample: (t, p, generator) => I.kaimingNormal_(t, { ...kaimingOptions(p), generator }),
    closed: (s, p) => ({ mean: 0, std: I.kaimingStd(s, kaimingOptions(p)) }),
  },
};

/** Population mean, std, min and max, accumulated in float64. */
function stats(data: ArrayLike<number>): { mean: number; std: number; min: number; max: number } {
  let sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < data.length; i++) { sum += data[i]; min = Math.min(min, data[i]); max = Math.max(max, data[i]); }
  const mean = sum / data.length;
  let sq = 0;
  for (let i = 0; i < data.length; i++) sq += (data[i] - mean) ** 2;
  return { mean, std: Math.sqrt(sq / data.length), min, max };
}

/** Enough values for the mean and std checks to be able to fail (a 10-element bias cannot). */
const MIN_SAMPLES = 10_000;

/** Values from `draw(seed)` calls, repeated with new seeds until there are at least MIN_SAMPLES. */
function sampleMany(draw: (seed: number) => ArrayLike<number>): Float64Array {
  const parts: ArrayLike<number>[] = [];
  let count = 0;
  for (let seed = 0; count < MIN_SAMPLES; seed++) {
    const part = draw(seed);
    if (part.length === 0) break;
    parts.push(part);
    count += part.length;
  }
  const out = new Float64Array(count);
  let at = 0;
  for (const part of parts) { out.set(part, at); at += part.length; }
  return out;
}

/** The README's sample checks: mean within 5 standard errors, std within 2% (or 5 standard errors for small n), every value in range. */
function sampleChecks(label: string, data: ArrayLike<number>, want: Closed): Check[] {
  const s = stats(data), n = data.length;
  const checks: Check[] = [];
  if (want.std === 0) {
    const value = Math.fround(want.mean);
    checks.push({ what: `${label}: every value is ${want.mean}`, ok: s.min === value && s.max === value, detail: `min ${s.min}, max ${s.max}` });
    return checks;
  }
  const meanTol = (5 * want.std) / Math.sqrt(n);
  checks.push({ what: `${label}: mean ≈ ${want.mean}`, ok: Math.abs(s.mean - want.mean) <= meanTol, detail: `got ${s.mean}, allowed ±${meanTol}` });
  const stdTol = Math.max(0.02, 5 / Math.sqrt(2 * n));
  checks.push({ what: `${label}: std ≈ ${want.std}`, ok: Math.abs(s.std / want.std - 1) <= stdTol, detail: `got ${s.std}, allowed ±${stdTol * 100}%` });
  if (want.range) {
    const [lo, hi] = want.range.map(Math.fround);
    checks.push({ what: `${label}: values within [${want.range[0]}, ${want.range[1]}]`, ok: s.min >= lo && s.max <= hi, detail: `min ${s.min}, max ${s.max}` });
  }
  return checks;
}

const empirical = ['empirical_mean', 'empirical_std', 'empirical_min', 'empirical_max'];

/** A random (or constant) initializer applied to every shape of `params.shapes`. */
function distribution(c: FixtureCase): CaseOutcome {
  const family = families[c.op];
  const shapes: number[][] = c.params.shapes;
  const closed = shapes.map((s) => family.closed(s, c.params));
  const fans = shapes.map((s) => I.calculateFanInAndFanOut(s));
  const checks = shapes.flatMap((shape, i) => {
    const values = sampleMany((seed) => {
      const t = zeros(shape);
      family.sample(t, c.params, new Generator(1000 * i + seed));
      return t.data;
    });
    return sampleChecks(`${c.op} on [${shape.join(', ')}]`, values, closed[i]);
  });
  return {
    outputs: {
      fan_in: fans.map((f) => f.fanIn),
      fan_out: fans.map((f) => f.fanOut),
      expected_mean: closed.map((d) => d.mean),
      expected_std: closed.map((d) => d.std),
      ...(closed[0].range ? { bound: closed.map((d) => d.range![1]) } : {}),
    },
    checks,
    skipOutputs: empirical,
  };
}

/** max |gram − gain² I| for W viewed as rows × cols, gram = W Wᵀ (wide) or Wᵀ W (tall). */
function gramDeviation(w: ArrayLike<number>, rows: number, cols: number, gain: number): number {
  const wide = rows <= cols, n = wide ? rows : cols, k = wide ? cols : rows;
  const at = (i: number, j: number) => (wide ? w[i * cols + j] : w[j * cols + i]);
  let worst = 0;
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      let dot = 0;
      for (let j = 0; j < k; j++) dot += at(a, j) * at(b, j);
      worst = Math.max(worst, Math.abs(dot - (a === b ? gain * gain : 0)));
    }
  return worst;
}

function orthogonal(c: FixtureCase): CaseOutcome {
  const gain: number = c.params.gain ?? 1;
  const shapes: number[][] = c.params.shapes;
  const checks: Check[] = [];
  const expectedStd = shapes.map((shape) => {
    const rows = shape[0], cols = shape.slice(1).reduce((a, b) => a * b, 1);
    const t = I.orthogonal_(zeros(shape), { gain, generator: new Generator(1) });
    const dev = gramDeviation(t.data, rows, cols, gain);
    const limit = 1e-5 * Math.max(1, gain * gain);
    checks.push({ what: `orthogonal_ on [${shape.join(', ')}]: max|gram − gain²I| < ${limit}`, ok: dev < limit, detail: `got ${dev}` });
    const std = gain / Math.sqrt(Math.max(rows, cols));
    checks.push(...sampleChecks(`orthogonal_ on [${shape.join(', ')}]`, t.data, { mean: 0, std }).slice(1));
    return std;
  });
  return { outputs: { expected_std: expectedStd }, checks, skipOutputs: ['max_abs_dev_gram_minus_gain2_identity', ...empirical] };
}

function linearDefaultInit(c: FixtureCase): CaseOutcome {
  const { in_features: inF, out_features: outF } = c.params;
  const layers = Array.from({ length: Math.ceil(MIN_SAMPLES / outF) }, (_, seed) => new Linear(inF, outF, { generator: new Generator(seed) }));
  const weights = sampleMany((seed) => layers[seed % layers.length].weight.data);
  const biases = sampleMany((seed) => layers[seed % layers.length].bias!.data);
  const weightBound = I.kaimingUniformBound([outF, inF], { a: Math.sqrt(5) });
  const weightStd = I.kaimingStd([outF, inF], { a: Math.sqrt(5) });
  const biasBound = 1 / Math.sqrt(inF);
  return {
    outputs: { weight_bound: weightBound, bias_bound: biasBound, weight_expected_std: weightStd },
    checks: [
      ...sampleChecks('Linear weight', weights, symmetric(0, weightStd, weightBound)),
      ...sampleChecks('Linear bias', biases, symmetric(0, biasBound / Math.sqrt(3), biasBound)),
    ],
    skipOutputs: Object.keys(c.outputs).filter((k) => k.includes('empirical')),
  };
}

/** `W = randn(500,500)*0.01`, `…/sqrt(fan_in)` or `…/sqrt(fan_in/2)` → the factor for a given fan-in. */
function weightScale(rule: string): (fanIn: number) => number {
  const times = /\*\s*([0-9.eE+-]+)\s*$/.exec(rule);
  if (times) return () => Number(times[1]);
  const fan = /\/\s*sqrt\(\s*fan_in\s*(?:\/\s*([0-9.]+))?\s*\)\s*$/.exec(rule);
  if (fan) return (fanIn) => 1 / Math.sqrt(fanIn / Number(fan[1] ?? 1));
  throw new Error(`activation_stats_10_layers: cannot read weight_init ${JSON.stringify(rule)}`);
}

/** Runs the deep-network experiment with our randn: h_l = act(h_{l-1} @ W_l), no bias. */
function deepStats(p: Record<string, any>, seed: number) {
  const [rows, width] = /randn\((\d+)\s*,\s*(\d+)\)/.exec(p.input)!.slice(1).map(Number);
  // The layer statistics are set by the weight draws; rows only average over samples, so 250 of
  // them (125k activations per layer with 500 units) keep the check sharp at a quarter of the cost.
  const dims = [Math.min(rows, 250), width];
  const generator = new Generator(seed);
  const scale = weightScale(p.weight_init);
  const act = p.nonlinearity === 'relu' ? (x: Tensor) => maximum(x, 0) : tanh;
  let h = randn(dims, { generator });
  const input = { ...stats(h.data), count: h.size };
  const layers: { mean: number; std: number }[] = [];
  for (let l = 0; l < p.layers; l++) {
    const fanIn = h.shape[1];
    const w = randn([fanIn, p.units], { generator }).mul(scale(fanIn));
    h = act(matmul(h, w));
    layers.push(stats(h.data));
  }
  return { input, layers };
}

/**
 * The trend must match PyTorch's: each layer's std relative to the layer before within 20%
 * (ReLU nets wander by up to ~14% per layer between seeds), the average per-layer factor over
 * the whole depth within 8%, and each layer's mean relative to its std. Our random stream
 * differs from PyTorch's, so the values themselves are not compared.
 */
function activationStats(c: FixtureCase): CaseOutcome {
  const ours = deepStats(c.params, 3);
  const ptStd = c.outputs.layer_std.data, ptMean = c.outputs.layer_mean.data;
  const ptPrev = (l: number) => (l === 0 ? c.outputs.input_std.data[0] : ptStd[l - 1]);
  const ourPrev = (l: number) => (l === 0 ? ours.input.std : ours.layers[l - 1].std);
  const checks: Check[] = [];
  const n = ours.input.count;
  checks.push({ what: 'input std ≈ 1', ok: Math.abs(ours.input.std - 1) < 0.02, detail: `got ${ours.input.std}` });
  checks.push({ what: 'input mean ≈ 0', ok: Math.abs(ours.input.mean) < 5 / Math.sqrt(n), detail: `got ${ours.input.mean}` });
  ours.layers.forEach((layer, l) => {
    const want = ptStd[l] / ptPrev(l), got = layer.std / ourPrev(l);
    checks.push({ what: `layer ${l + 1}: std ratio to the layer before ≈ PyTorch's ${want.toFixed(4)}`, ok: Math.abs(got / want - 1) <= 0.2, detail: `got ${got.toFixed(4)}` });
    const wantShift = ptMean[l] / ptStd[l], gotShift = layer.mean / layer.std;
    checks.push({ what: `layer ${l + 1}: mean/std ≈ PyTorch's ${wantShift.toFixed(4)}`, ok: Math.abs(gotShift - wantShift) <= 0.1 + 0.15 * Math.abs(wantShift), detail: `got ${gotShift.toFixed(4)}` });
  });
  const depth = ptStd.length;
  const wantFactor = (ptStd[depth - 1] / ptPrev(0)) ** (1 / depth), gotFactor = (ours.layers[depth - 1].std / ours.input.std) ** (1 / depth);
  checks.push({ what: `average std factor per layer ≈ PyTorch's ${wantFactor.toFixed(4)}`, ok: Math.abs(gotFactor / wantFactor - 1) <= 0.08, detail: `got ${gotFactor.toFixed(4)}` });
  return {
    outputs: { layer_mean: ours.layers.map((s) => s.mean), layer_std: ours.layers.map((s) => s.std) },
    checks,
    skipOutputs: ['input_mean', 'input_std', 'layer_mean', 'layer_std'],
  };
}

function eye(c: FixtureCase): CaseOutcome {
  return { outputs: { output: I.eye_(zeros(c.params.shape)) } };
}

function calculateGain(c: FixtureCase): CaseOutcome {
  return { outputs: { gain: I.calculateGain(c.params.nonlinearity, c.params.param) } };
}

function fans(c: FixtureCase): CaseOutcome {
  const { fanIn, fanOut } = I.calculateFanInAndFanOut(c.params.shape);
  return { outputs: { fan_in: fanIn, fan_out: fanOut } };
}

/** Handlers for fixtures/pytorch/init.json. */
export const initializersHandlers: HandlerTable = {
  calculate_gain: calculateGain,
  fan_in_and_fan_out: fans,
  eye_: eye,
  ...Object.fromEntries(Object.keys(families).map((op) => [op, distribution])),
  orthogonal_: orthogonal,
  linear_default_init: linearDefaultInit,
  activation_stats_10_layers: activationStats,
};
