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

/** A moment on the wall clock and in this process's CPU time (user + system), in ms. */
interface Stamp { wall: number; cpu: number }
const ZERO: Stamp = { wall: 0, cpu: 0 };

/**
 * Now, on both clocks: on a machine shared by many processes, wall time also counts the waits
 * for a core, while CPU time counts only this process's work (one thread: no workers to add in).
 */
function now(): Stamp {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
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
  const phases = new Map<string, Stamp>();
  const add = (key: string, from: Stamp, to: Stamp, less: Stamp = ZERO) => {
    const p = phases.get(key) ?? { ...ZERO };
    phases.set(key, { wall: p.wall + to.wall - from.wall - less.wall, cpu: p.cpu + to.cpu - from.cpu - less.cpu });
  };
  const step = { ...ZERO }, unmarked = { ...ZERO };
  let batches = loader.iterEpoch(0);
  const runStep = (timed: boolean, marked: boolean) => {
    const t0 = now();
    let next = batches.next();
    if (next.done) next = (batches = loader.iterEpoch(1)).next();
    const { x, y } = next.value!;
    const t1 = now();
    optimizer.zeroGrad(false);
    const t2 = now();
    // Backward marks: marks[i] is when the walk reached the output of layer i.
    const marks: Stamp[] = new Array(layers.length).fill(ZERO);
    let h = x;
    const inLayers = { ...ZERO };
    const forward: [Stamp, Stamp][] = [];
    for (let i = 0; i < layers.length; i++) {
      const ta = now();
      h = layers[i].forward(h);
      const tb = now();
      forward.push([ta, tb]);
      inLayers.wall += tb.wall - ta.wall; inLayers.cpu += tb.cpu - ta.cpu;
      if (marked) h = mark(h, () => { marks[i] = now(); });
    }
    const t3 = now();
    const loss = crossEntropy(h, y);
    const t4 = now();
    loss.backward();
    const t5 = now();
    optimizer.step();
    const t6 = now();
    if (!timed) return;
    const total = marked ? step : unmarked;
    total.wall += t6.wall - t0.wall; total.cpu += t6.cpu - t0.cpu;
    if (!marked) return;
    add('batch slicing (DataLoader)', t0, t1);
    add('zeroGrad (in place)', t1, t2);
    layers.forEach((layer, i) => add(`forward ${layerName(i, layer)}`, ...forward[i]));
    add('forward: marks and loop', t2, t3, inLayers);
    add('forward crossEntropy', t3, t4);
    const last = layers.length - 1;
    add('backward crossEntropy (to the logits)', t4, marks[last]);
    for (let i = last; i >= 0; i--) add(`backward ${layerName(i, layers[i])}`, marks[i], i === 0 ? t5 : marks[i - 1]);
    add('Adam step', t5, t6);
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
  const ms = per(step.wall);
  const pct = (v: number, of = step.wall) => `${((100 * v) / of).toFixed(1)} %`;
  const kernelMs = kernels.reduce((s, k) => s + k.ms, 0);
  return [
    `mlpkit wasm, recipe (784-512-256-10, BatchNorm1d, ReLU, dropout ${RECIPE.dropout}, Adam), batch ${RECIPE.batch}, ${threads} thread${threads > 1 ? 's' : ''}: ` +
      `${ms.toFixed(3)} ms per step (${per(step.cpu).toFixed(3)} ms of CPU time) over ${steps} steps; ${per(unmarked.wall).toFixed(3)} ms ` +
      `(${per(unmarked.cpu).toFixed(3)} ms CPU) without the backward marks; ${((ms * Math.ceil(60_000 / RECIPE.batch)) / 1000).toFixed(2)} s per 60 000-image epoch at this rate`,
    '',
    '| phase | wall ms per step | share | CPU ms per step | share |',
    '|---|---:|---:|---:|---:|',
    ...[...phases].map(([k, v]) => `| ${k} | ${per(v.wall).toFixed(3)} | ${pct(v.wall)} | ${per(v.cpu).toFixed(3)} | ${pct(v.cpu, step.cpu)} |`),
    '',
    '| kernel (wall time, inside the phases above) | ms per step | share |',
    '|---|---:|---:|',
    `| all kernels | ${per(kernelMs).toFixed(3)} | ${pct(kernelMs)} |`,
    ...kernels.filter((k) => per(k.ms) >= 0.005).map((k) => `| ${k.key} (${k.calls / steps}×) | ${per(k.ms).toFixed(3)} | ${pct(k.ms)} |`),
  ].join('\n');
}
