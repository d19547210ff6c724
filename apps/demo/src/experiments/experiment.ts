import type { PlotSpec } from '@mlpkit/plot';
import type { DemoFlag, DemoOptions } from '../options.js';

/** What an experiment gets from the runner. */
export interface ExperimentContext {
  options: DemoOptions;
  /** Smoke-sized run: fewer images and epochs; its numbers are not the slides'. */
  quick: boolean;
  seed: number;
  outDir: string;
  /** Writes a Vega-Lite spec as `<outDir>/<name>.svg` and `.png`; returns both paths. */
  plot(spec: PlotSpec, name: string): Promise<string[]>;
}

/** One number of the slides beside ours. */
export interface Comparison {
  what: string;
  slides: string;
  /** Ours at the slide's precision. */
  ours: string;
  /** Ours at full precision, where the slide's digits hide something. */
  exact?: string;
}

/** What an experiment reports back. */
export interface ExperimentOutcome {
  comparison: Comparison[];
  /** Two to four sentences telling a student what the result shows. */
  explanation: string;
  /** Files written (plots, tables). */
  written: string[];
  /** Set when something went wrong that the experiment did not expect (an unexpected divergence). */
  failed?: string;
}

/** One of the slides' experiments, runnable as `pnpm demo --experiment NAME`. */
export interface Experiment {
  /** One line: what it reproduces and from which slides. */
  title: string;
  /**
   * The flags it reads besides --experiment, --quick, --out and --help: any other given flag is
   * refused before it runs (experiments run at the slides' settings, not the demo's flags).
   */
  flags: readonly DemoFlag[];
  /** The settings it runs at, in words (the slides' by default, smaller with --quick). */
  settings(quick: boolean): string;
  run(ctx: ExperimentContext): Promise<ExperimentOutcome>;
}

/** What an experiment computing in this process reads: the backend its tensors run on. */
export const BACKEND_FLAGS = ['backend', 'threads'] as const satisfies readonly DemoFlag[];

/** What an experiment training on Fashion-MNIST here reads: the backend, the seed and --limit (training images). */
export const TRAINING_FLAGS = [...BACKEND_FLAGS, 'seed', 'limit'] as const satisfies readonly DemoFlag[];
