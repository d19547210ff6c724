import cliProgress from 'cli-progress';
import type { BatchLogs, Callback, TrainContext } from '../callback.js';
import type { EpochLogs } from '../history.js';
import { formatLogs } from '../progress.js';

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** The stream to draw on (default process.stderr, so stdout stays clean for results). */
  stream?: NodeJS.WriteStream;
  /** Redraws per second at most (default 10). */
  fps?: number;
  /** Print one summary line per epoch (default true). */
  epochSummary?: boolean;
}

/**
 * A terminal progress bar per epoch (cli-progress): batches done, ETA and the running loss.
 * On a non-TTY stream (CI logs, pipes) it prints only the epoch summaries.
 *
 * @example
 * await fit(model, { ..., callbacks: [new ProgressBar()] });
 */
export class ProgressBar implements Callback {
  private bar: cliProgress.SingleBar | null = null;
  private readonly stream: NodeJS.WriteStream;

  constructor(readonly options: ProgressBarOptions = {}) {
    this.stream = options.stream ?? process.stderr;
  }

  onEpochBegin(epoch: number, ctx: TrainContext): void {
    if (!this.stream.isTTY) return;
    this.bar = new cliProgress.SingleBar({
      format: `epoch ${epoch + 1}/${ctx.epochs} [{bar}] {value}/{total} batches | ETA {eta_formatted} | loss {loss}`,
      stream: this.stream, fps: this.options.fps ?? 10, hideCursor: true, clearOnComplete: true, etaBuffer: 50,
    }, cliProgress.Presets.shades_classic);
    this.bar.start(ctx.stepsPerEpoch ?? 0, 0, { loss: '-' });
  }

  onBatchEnd(batch: number, logs: BatchLogs): void {
    this.bar?.update(batch + 1, { loss: logs.runningLoss.toFixed(4) });
  }

  onEpochEnd(epoch: number, logs: EpochLogs, ctx: TrainContext): void {
    this.stopBar();
    if (this.options.epochSummary ?? true) this.stream.write(`epoch ${epoch + 1}/${ctx.epochs}: ${formatLogs(logs)}\n`);
  }

  onTrainEnd(_history: unknown, ctx: TrainContext): void {
    this.stopBar();
    if (ctx.stopRequested) this.stream.write(`stopped (${ctx.stopRequested.reason}): ${ctx.stopRequested.message}\n`);
  }

  private stopBar(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
