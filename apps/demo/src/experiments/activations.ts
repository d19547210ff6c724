import { binaryStep, elu, gelu, leakyRelu, prelu, relu, selu, sigmoid, softplus, swish, tanh } from '@mlpkit/activations';
import { requiresGrad } from '@mlpkit/autograd';
import { functionGridSpec } from '@mlpkit/plot';
import { type Tensor, tensor } from '@mlpkit/tensor';
import { BACKEND_FLAGS, type Comparison, type Experiment } from './experiment.js';
import { compareToSlide } from './slide-number.js';

/** The slides' input (1-mlp-insight, "Activation Functions"). */
export const SLIDE_DATA = [1, 5, -4, 3, -2];

/** Every activation of the lectures, with the values the slides print on [1, 5, -4, 3, -2] (none for step, SELU, GELU). */
export const LECTURE_ACTIVATIONS: { name: string; fn: (x: Tensor) => Tensor; slide?: string[] }[] = [
  { name: 'step', fn: binaryStep },
  { name: 'sigmoid', fn: sigmoid, slide: ['0.731', '0.993', '0.017', '0.95', '0.119'] },
  { name: 'tanh', fn: tanh, slide: ['0.761', '0.999', '-0.999', '0.995', '-0.964'] },
  { name: 'softplus', fn: (x) => softplus(x), slide: ['1.313', '5.006', '0.018', '3.048', '0.126'] },
  { name: 'ReLU', fn: relu, slide: ['1', '5', '0', '3', '0'] },
  { name: 'LeakyReLU (0.01)', fn: (x) => leakyRelu(x, 0.01), slide: ['1', '5', '-0.04', '3', '-0.02'] },
  { name: 'ELU (α 0.1)', fn: (x) => elu(x, 0.1), slide: ['1', '5', '-0.098', '3', '-0.086'] },
  { name: 'PReLU (α 0.1)', fn: (x) => prelu(x, tensor([0.1])), slide: ['1', '5', '-0.4', '3', '-0.2'] },
  { name: 'swish', fn: swish, slide: ['0.731', '4.966', '-0.071', '2.857', '-0.238'] },
  { name: 'SELU', fn: selu },
  { name: 'GELU', fn: (x) => gelu(x) },
];

/** f and f′ of `fn` at each x, f′ through autograd (each activation's own backward). */
export function valueAndGrad(fn: (x: Tensor) => Tensor, xs: readonly number[]): { f: number[]; df: number[] } {
  const x = requiresGrad(tensor([...xs], { dtype: 'float64' }));
  const y = fn(x);
  y.sum().backward();
  return { f: Array.from(y.data as Float64Array), df: Array.from((x.grad as Tensor).data as Float64Array) };
}

const fmt = (v: number) => (Math.abs(v) < 5e-4 ? '0' : v.toFixed(3));

const experiment: Experiment = {
  title: 'every activation of the lectures on [1, 5, -4, 3, -2], f and f′ (slides 1, "Activation Functions")',
  flags: BACKEND_FLAGS,
  settings: () => 'exact (float64); --quick changes nothing',
  async run(ctx) {
    const comparison: Comparison[] = [];
    console.log(`x        ${SLIDE_DATA.map((v) => String(v).padStart(8)).join('')}`);
    let mismatches = 0;
    for (const a of LECTURE_ACTIVATIONS) {
      const { f, df } = valueAndGrad(a.fn, SLIDE_DATA);
      console.log(`${a.name.padEnd(18)} f  ${f.map((v) => fmt(v).padStart(8)).join('')}`);
      console.log(`${''.padEnd(18)} f′ ${df.map((v) => fmt(v).padStart(8)).join('')}`);
      if (!a.slide) continue;
      const ours = f.map((v, i) => compareToSlide(v, (a.slide as string[])[i], 'truncate'));
      mismatches += ours.filter((o) => !o.same).length;
      comparison.push({ what: `${a.name}(x)`, slides: a.slide.join(' '), ours: ours.map((o) => o.ours).join(' ') });
    }
    const xs = Array.from({ length: 161 }, (_, i) => -4 + i * 0.05);
    const curves = LECTURE_ACTIVATIONS.map((a) => ({ name: a.name, x: xs, ...valueAndGrad(a.fn, xs) }));
    const written = await ctx.plot(functionGridSpec(curves, { title: 'Activations f(x) and their derivatives f′(x) on [-4, 4]' }), 'experiment-activations');
    return {
      comparison,
      explanation: `Every printed value matches once ours are cut to the slide's digits the way the slides cut them (truncated, not rounded: σ(−4) = 0.01799 is printed 0.017)${mismatches ? `, except ${mismatches}` : ''}. `
        + 'The derivatives show why the choice matters: sigmoid′ is at most 0.25 and tanh′ vanishes for |x| > 3, so gradients shrink through saturated units, '
        + 'while ReLU passes a gradient of exactly 1 for x > 0 and exactly 0 for x ≤ 0 (a unit stuck there is dead). '
        + 'LeakyReLU, ELU, PReLU, swish, SELU and GELU keep a small gradient for negative inputs.',
      written,
      failed: mismatches ? `${mismatches} activation values differ from the slides` : undefined,
    };
  },
};
export default experiment;
