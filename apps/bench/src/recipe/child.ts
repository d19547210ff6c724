// One mlpkit backend's recipe run in its own process (a thread count is fixed when a backend
// starts): the parent passes a RecipeSpec as argv[2]; the last stdout line is the RecipeResult.
import { createBlasBackend } from '@mlpkit/backend-blas';
import { createWasmBackend } from '@mlpkit/backend-wasm/node';
import { DataLoader, type TensorDataset } from '@mlpkit/datasets';
import { crossEntropy } from '@mlpkit/losses';
import type { Sequential } from '@mlpkit/nn';
import { noGrad } from '@mlpkit/autograd';
import { Adam, CosineAnnealingLR } from '@mlpkit/optimizers';
import { setBackend } from '@mlpkit/tensor';
import { median } from '../timing.js';
import { loadRecipeSplit } from './data.js';
import { recipeModel } from './model.js';
import { RECIPE, type RecipeResult, type RecipeSpec } from './spec.js';

/** Share of `test` whose arg-max logit is its label, in eval mode without gradients. */
function accuracy(model: Sequential, test: TensorDataset): number {
  model.eval();
  const predicted = noGrad(() => model.forward(test.x()).argmax(1)).data;
  let right = 0;
  for (let i = 0; i < test.length; i++) if (predicted[i] === test.targets[i]) right++;
  return right / test.length;
}

async function main(spec: RecipeSpec): Promise<RecipeResult> {
  const base = { system: spec.system, threads: spec.threads };
  let close = () => {};
  if (spec.system === 'mlpkit wasm') {
    const b = await createWasmBackend({ threads: spec.threads });
    setBackend(b);
    close = () => b.close();
  } else {
    try {
      setBackend(await createBlasBackend({ threads: spec.threads }));
    } catch (error) {
      // No BLAS library on this machine: a skipped row that says why, not a failed run.
      return { ...base, epochSeconds: [], secondsPerEpoch: NaN, lastLoss: NaN, testAccuracy: NaN, note: `skipped: ${(error as Error).message}` };
    }
  }
  const [train, test] = [await loadRecipeSplit('train'), await loadRecipeSplit('test')];
  const model = recipeModel();
  const optimizer = new Adam(model.parameters(), { lr: RECIPE.lr });
  const scheduler = new CosineAnnealingLR(optimizer, { TMax: spec.epochs });
  const loader = new DataLoader(train, { batchSize: RECIPE.batch, shuffle: true, seed: RECIPE.seed });
  const epochSeconds: number[] = [];
  let lastLoss = NaN;
  for (let epoch = 0; epoch < spec.epochs; epoch++) {
    model.train();
    let lossSum = 0, steps = 0;
    const t0 = performance.now();
    for (const { x, y } of loader) {
      // In place, as PyTorch 1.13's zero_grad() on the other side (set_to_none=False).
      optimizer.zeroGrad(false);
      const loss = crossEntropy(model.forward(x), y);
      loss.backward();
      optimizer.step();
      lossSum += loss.data[0];
      steps++;
    }
    scheduler.step();
    epochSeconds.push((performance.now() - t0) / 1000);
    lastLoss = lossSum / steps;
  }
  const testAccuracy = accuracy(model, test);
  close();
  return { ...base, epochSeconds, secondsPerEpoch: median(epochSeconds), lastLoss, testAccuracy };
}

const result = await main(JSON.parse(process.argv[2]) as RecipeSpec);
console.log(JSON.stringify(result));
process.exit(0);
