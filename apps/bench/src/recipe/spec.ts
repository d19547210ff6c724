/**
 * The lectures' recommended recipe (issue 13), the same on every side of the comparison:
 * 784-512-256-10 with BatchNorm1d after each hidden Linear, ReLU, dropout, He normal init
 * (fan_in, relu) with zero biases, Adam with cosine decay stepped per epoch, shuffled batches,
 * softmax cross-entropy, inputs scaled to [-1, 1], all 60 000 training images.
 */
export const RECIPE = { hidden: [512, 256], dropout: 0.2, lr: 1e-3, batch: 128, seed: 0 } as const;

/** Epochs when `--epochs` is not given (the recipe's 20). */
export const RECIPE_EPOCHS = 20;

/** What the parent asks one process to run. */
export interface RecipeSpec {
  system: 'mlpkit wasm' | 'mlpkit blas' | 'PyTorch';
  threads: number;
  epochs: number;
}

/** What one system reports: per-epoch training time and the trained model's test accuracy. */
export interface RecipeResult {
  system: string;
  threads: number;
  /** Wall seconds of each epoch's training steps (evaluation excluded). */
  epochSeconds: number[];
  /** Median of `epochSeconds`. */
  secondsPerEpoch: number;
  /** Mean training loss of the last epoch: a check that the system learns. */
  lastLoss: number;
  /** Accuracy on all 10 000 test images after the last epoch, in eval mode. */
  testAccuracy: number;
  version?: string;
  /** Why a row has no figures (skipped or failed). */
  note?: string;
}
