// `pnpm bench --recipe --profile`: where one recipe training step's time goes on the wasm
// backend, per phase (batch, each layer's forward and backward, loss, walker, Adam, zeroGrad)
// and per kernel. Markers between layers time the backward walk layer by layer.
import { customOp } from '@mlpkit/autograd';
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { DataLoader } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import { Adam } from '@mlpkit/optimizers';
import { Tensor, setBackend } from '@mlpkit/tensor';
import { profiledBackend } from '../w1/kernel-profile.js';
import { loadRecipeSplit } from './data.js';
import { recipeModel } from './model.js';
import { RECIPE } from './spec.js';

/** Steps run before timing starts (first-use allocations, Adam state, JIT). */
const WARMUP = 5;

/**
 * A pass-through node whose backward notes the time it is reached: the walk goes through the
 * chain in reverse, so the gap between two marks is the backward of the layer between them.
 */
function mark(x: Tensor, onBackward: () => void): Tensor {
  return customOp('profile_mark', [x], () => new Tensor(x.data, x.shape), (grad) => { onBackward(); return [grad]; });
}

/** Layer names as the table prints them: `0 Linear`, `1 BatchNorm1d`, … */
function layerName(index: number, layer: object): string {
  const name = layer.constructor.name === 'Lambda' ? 'relu' : layer.constructor.name;
  return `${index} ${name}`;
}

/** Runs `steps` timed recipe steps (after a warm-up) on the wasm backend and returns the per-phase and per-kernel tables as Markdown. */
export async function profileRecipe(steps: number, threads: number): Promise<string> {
  const wasm = await createWasmBackend({ threads });
  const handle = profiledBackend(wasm);
  setBackend(handle.backend);
  const train = await loadRecipeSplit('train');
  const model = recipeModel();
  const layers = [...model];
  const optimizer = new Adam(model.parameters(), { lr: RECIPE.lr });
  const loader = new DataLoader(train, { batchSize: RECIPE.batch, shuffle: true, seed: RECIPE.seed });
  const phases = new Map<string, number>();
  const add = (key: string, ms: number) => phases.set(key, (phases.get(key) ?? 0) + ms);
  let stepMs = 0, unmarkedMs = 0;
  let batches = loader.iterEpoch(0);
  const runStep = (timed: boolean, marked: boolean) => {
    const t0 = performance.now();
    let next = batches.next();
    if (next.done) next = (batches = loader.iterEpoch(1)).next();
    const { x, y } = next.value!;
    const t1 = performance.now();
    optimizer.zeroGrad(false);
    const t2 = performance.now();
    // Backward marks: marks[i] is when the walk reached the output of layer i.
    const marks: number[] = new Array(layers.length).fill(0);
    let h = x;
    const forwardMs: number[] = [];
    for (let i = 0; i < layers.length; i++) {
      const ta = performance.now();
      h = layers[i].forward(h);
      forwardMs.push(performance.now() - ta);
      if (marked) h = mark(h, () => { marks[i] = performance.now(); });
    }
    const t3 = performance.now();
    const loss = crossEntropy(h, y);
    const t4 = performance.now();
    loss.backward();
    const t5 = performance.now();
    optimizer.step();
    const t6 = performance.now();
    if (!timed) return;
    if (!marked) { unmarkedMs += t6 - t0; return; }
    stepMs += t6 - t0;
    add('batch slicing (DataLoader)', t1 - t0);
    add('zeroGrad (in place)', t2 - t1);
    layers.forEach((layer, i) => add(`forward ${layerName(i, layer)}`, forwardMs[i]));
    add('forward: marks and loop', t3 - t2 - forwardMs.reduce((s, v) => s + v, 0));
    add('forward crossEntropy', t4 - t3);
    const last = layers.length - 1;
    add('backward crossEntropy (to the logits)', marks[last] - t4);
    for (let i = last; i >= 0; i--) add(`backward ${layerName(i, layers[i])}`, (i === 0 ? t5 : marks[i - 1]) - marks[i]);
    add('Adam step', t6 - t5);
  };
  for (let s = 0; s < WARMUP; s++) runStep(false, true);
  handle.reset();
  for (let s = 0; s < steps; s++) runStep(true, true);
  // Copied: the entries keep counting during the unmarked steps below.
  const kernels = handle.times().map((k) => ({ ...k }));
  // Unmarked steps, interleaved-free and after the marked ones: what the marks themselves cost.
  for (let s = 0; s < steps; s++) runStep(true, false);
  wasm.close();
  const per = (ms: number) => ms / steps;
  const ms = per(stepMs);
  const pct = (v: number) => `${((100 * per(v)) / ms).toFixed(1)} %`;
  const kernelMs = kernels.reduce((s, k) => s + k.ms, 0);
  return [
    `mlpkit wasm, recipe (784-512-256-10, BatchNorm1d, ReLU, dropout ${RECIPE.dropout}, Adam), batch ${RECIPE.batch}, ${threads} thread${threads > 1 ? 's' : ''}: ` +
      `${ms.toFixed(3)} ms per step over ${steps} steps (${per(unmarkedMs).toFixed(3)} ms without the backward marks); ` +
      `${((ms * Math.ceil(60_000 / RECIPE.batch)) / 1000).toFixed(2)} s per 60 000-image epoch at this rate`,
    '',
    '| phase | ms per step | share |',
    '|---|---:|---:|',
    ...[...phases].map(([k, v]) => `| ${k} | ${per(v).toFixed(3)} | ${pct(v)} |`),
    '',
    '| kernel (inside the phases above) | ms per step | share |',
    '|---|---:|---:|',
    `| all kernels | ${per(kernelMs).toFixed(3)} | ${pct(kernelMs)} |`,
    ...kernels.filter((k) => per(k.ms) >= 0.005).map((k) => `| ${k.key} (${k.calls / steps}×) | ${per(k.ms).toFixed(3)} | ${pct(k.ms)} |`),
  ].join('\n');
}
