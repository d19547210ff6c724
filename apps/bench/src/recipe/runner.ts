import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FASHION_MNIST } from '@mlpkit/datasets';
import { locateIdxDataset } from '@mlpkit/datasets/node';
import { openblasEnv } from '../openblas-env.js';
import { RECIPE, type RecipeResult, type RecipeSpec } from './spec.js';

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const TORCH_SCRIPT = fileURLToPath(new URL('./torch_recipe.py', import.meta.url));
/** 20 epochs at a few seconds each, with room for a loaded machine. */
const TIMEOUT_MS = 60 * 60_000;

/** A row without figures that says why. */
export function failedRecipe(spec: RecipeSpec, why: string): RecipeResult {
  return { system: spec.system, threads: spec.threads, epochSeconds: [], secondsPerEpoch: NaN, lastLoss: NaN, testAccuracy: NaN, note: why.slice(0, 200) };
}

/** Runs `command args` in `env`; the last stdout line is the result, stderr's last lines say why it failed. */
function runChild(spec: RecipeSpec, command: string, args: string[], env: NodeJS.ProcessEnv): RecipeResult {
  const run = spawnSync(command, args, { env, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (run.status !== 0) return failedRecipe(spec, (run.stderr || String(run.error ?? 'failed')).trim().split('\n').slice(-2).join(' '));
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as RecipeResult;
}

/**
 * Runs one system's recipe in its own process: mlpkit through this process's loader flags
 * (tsx), mlpkit blas and PyTorch (/usr/bin/python3) in the same OpenBLAS environment.
 */
export async function runRecipe(spec: RecipeSpec): Promise<RecipeResult> {
  const env = spec.system === 'mlpkit wasm' ? process.env : openblasEnv(spec.threads);
  if (spec.system !== 'PyTorch') return runChild(spec, process.execPath, [...process.execArgv, CHILD, JSON.stringify(spec)], env);
  let paths;
  try {
    ({ paths } = await locateIdxDataset(FASHION_MNIST));
  } catch (error) {
    return failedRecipe(spec, `no Fashion-MNIST files: ${String(error)}`);
  }
  const result = runChild(spec, '/usr/bin/python3', [TORCH_SCRIPT, JSON.stringify({ ...spec, recipe: RECIPE, ...paths })], env);
  return result.note ? { ...result, note: `unavailable: ${result.note}` } : result;
}
