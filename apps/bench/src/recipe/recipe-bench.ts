// `pnpm bench --recipe`: the lectures' recipe (issue 13) trained by PyTorch and by mlpkit on the
// wasm and blas backends in one run, each in its own process, so that only same-run, same-load
// figures are compared (the target: mlpkit wasm at most 2× PyTorch's time per epoch).
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { RECIPE_USAGE, type RecipeOptions, parseRecipeOptions } from './options.js';
import { profileRecipe } from './profile.js';
import { recipeTable } from './report.js';
import { runRecipe } from './runner.js';
import { RECIPE, type RecipeResult, type RecipeSpec } from './spec.js';

/** Runs the recipe bench and writes results/recipe.{json,md}; returns the exit code (2: bad flags, 1: an mlpkit run failed). */
export async function recipeBench(argv: string[], resultsDir: string): Promise<number> {
  let options: RecipeOptions;
  try {
    options = parseRecipeOptions(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${RECIPE_USAGE}`);
    return 2;
  }
  if (options.help) { console.log(RECIPE_USAGE); return 0; }
  if (options.profile) {
    console.log(`recipe profile on a shared machine (load average ${loadavg()[0].toFixed(1)}): compare phases within one table, not across runs`);
    const tables: string[] = [];
    for (const threads of options.threadCounts) {
      tables.push(await profileRecipe(options.steps, threads));
      console.log(`\n${tables[tables.length - 1]}`);
    }
    writeFileSync(`${resultsDir}recipe-profile.md`, `# Where a recipe step's time goes (mlpkit wasm)\n\n${tables.join('\n\n')}\n`);
    console.log(`\nwrote ${resultsDir}recipe-profile.md`);
    return 0;
  }
  const { epochs, threadCounts } = options;
  const meta = { date: new Date().toISOString(), epochs, recipe: RECIPE, node: process.version, cpu: cpus()[0]?.model, cores: availableParallelism(), loadAverage: loadavg()[0] };
  console.log(`recipe bench: ${epochs} epoch(s) per system; ${meta.cpu ?? 'unknown CPU'}, ${meta.cores} cores, load average ${meta.loadAverage.toFixed(1)}`);
  const specs: RecipeSpec[] = [
    ...threadCounts.map((threads) => ({ system: 'PyTorch' as const, threads, epochs })),
    ...threadCounts.map((threads) => ({ system: 'mlpkit wasm' as const, threads, epochs })),
    ...threadCounts.map((threads) => ({ system: 'mlpkit blas' as const, threads, epochs })),
  ];
  const rows: RecipeResult[] = [];
  for (const spec of specs) {
    const r = await runRecipe(spec);
    rows.push(r);
    console.log(`  ${r.system} (${r.threads} thr): ${r.note ?? `${r.secondsPerEpoch.toFixed(2)} s/epoch, test ${(r.testAccuracy * 100).toFixed(2)} %`}`);
  }
  const md = recipeTable(rows);
  console.log(`\n${md}\n`);
  writeFileSync(`${resultsDir}recipe.json`, `${JSON.stringify({ ...meta, results: rows }, null, 2)}\n`);
  writeFileSync(`${resultsDir}recipe.md`, `# The recipe, side by side (issue 13: mlpkit wasm ≤ 2× PyTorch)\n\n${JSON.stringify(meta)}\n\n${md}\n`);
  console.log(`wrote ${resultsDir}recipe.json and recipe.md`);
  // mlpkit blas is skipped, not failed, where no BLAS library loads (its note says so).
  const broken = rows.filter((r) => r.system.startsWith('mlpkit') && r.epochSeconds.length === 0 && !r.note?.startsWith('skipped'));
  for (const r of broken) console.error(`mlpkit failed: ${r.system} (${r.threads} thr): ${r.note}`);
  return broken.length ? 1 : 0;
}
