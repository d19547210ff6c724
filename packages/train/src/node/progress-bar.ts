import cliProgress from 'cli-progress';
import { checkOptions } from '@mlpkit/tensor';
import type { BatchLogs, Callback, TrainContext } from '../callback.js';
import type { EpochLogs } from '../history.js';
import { formatLogs } from '../progress.js';
import { formatDuration, formatRate } from './progress-format.js';

/** Options of {@link ProgressBar}. */
export interface ProgressBarOptions {
  /** The stream to draw on (default process.stderr, so stdout stays clean for results). */
  stream?: NodeJS.WriteStream;
  /** Redraws per second at most (default 10). */
  fps?: number;
  /** Print one summary line per epoch (default true). */
  epochSummary?: boolean;
  /** Without a TTY (CI logs, pipes), print a progress line at most this often within an epoch (default 10 000 ms). */
  intervalMs?: number;
  /** What one sample is called in the rate (default `images`: `1,234 images/s`). */
  unit?: string;
  /** The clock, in ms (default `performance.now`); tests pass their own. */
  now?: () => number;
}

const PROGRESS_BAR_OPTIONS = ['stream', 'fps', 'epochSummary', 'intervalMs', 'unit', 'now'] as const satisfies readonly (keyof ProgressBarOptions)[];

/**
 * A terminal progress bar per epoch (cli-progress): batches done, rate (samples per second),
 * elapsed time, ETA and the running loss, then a bar for the validation batches (for a loader
 * without `length`, the count of batches done, with no total and no ETA). On a non-TTY
 * stream (CI logs, pipes) it prints the same as a line every `intervalMs` within an epoch, so
 * a long epoch still shows life, and a summary line per epoch.
 *
 * @example
 * await fit(model, { ..., callbacks: [new ProgressBar()] });
 */
export class ProgressBar implements Callback {
  private bar: cliProgress.SingleBar | null = null;
  private readonly stream: NodeJS.WriteStream;
  private readonly now: () => number;
  private readonly unit: string;
  private epochStart = 0;
  private lastLine = 0;
  private samples = 0;
  private validating = false;

  constructor(readonly options: ProgressBarOptions = {}) {
    checkOptions('ProgressBar', options, PROGRESS_BAR_OPTIONS);
    this.stream = options.stream ?? process.stderr;
    this.now = options.now ?? (() => performance.now());
    this.unit = options.unit ?? 'images';
  }

  onEpochBegin(epoch: number, ctx: TrainContext): void {
    this.epochStart = this.lastLine = this.now();
    this.samples = 0;
    this.validating = false;
    // Without the loader's length there is no total to fill a bar towards, nor an ETA: a count only.
    const done = ctx.stepsPerEpoch === undefined ? '{value} batches' : '[{bar}] {value}/{total} batches';
    const eta = ctx.stepsPerEpoch === undefined ? '' : ' | ETA {eta_formatted}';
    if (this.stream.isTTY) this.startBar(`epoch ${epoch + 1}/${ctx.epochs} ${done} | {rate} | {elapsed} elapsed${eta} | loss {loss}`, ctx.stepsPerEpoch ?? 0);
  }

  onBatchEnd(batch: number, logs: BatchLogs, ctx: TrainContext): void {
    this.samples += logs.size;
    const { elapsed, rate } = this.pace();
    this.bar?.update(batch + 1, { loss: logs.runningLoss.toFixed(4), rate, elapsed });
    if (!this.stream.isTTY && this.due()) {
      const steps = ctx.stepsPerEpoch;
      const left = steps ? `, ETA ${formatDuration(((this.now() - this.epochStart) / 1000) * (steps - batch - 1) / (batch + 1))}` : '';
      this.stream.write(`epoch ${ctx.epoch + 1}/${ctx.epochs}: ${batch + 1}${steps ? `/${steps}` : ''} batches, ${rate}, ${elapsed} elapsed${left}, loss ${logs.runningLoss.toFixed(4)}\n`);
    }
  }

  onValidationProgress(done: number, total: number | undefined, ctx: TrainContext): void {
    if (this.stream.isTTY) {
      const count = total === undefined ? '{value} batches' : '[{bar}] {value}/{total} batches';
      if (!this.validating) this.startBar(`epoch ${ctx.epoch + 1}/${ctx.epochs} validating ${count} | {elapsed} elapsed`, total ?? 0);
      this.bar?.update(done, { elapsed: this.pace().elapsed });
    } else if (this.due()) {
      this.stream.write(`epoch ${ctx.epoch + 1}/${ctx.epochs}: validating, ${done}${total ? `/${total}` : ''} batches, ${this.pace().elapsed} elapsed\n`);
    }
    this.validating = true;
  }

  onEpochEnd(epoch: number, logs: EpochLogs, ctx: TrainContext): void {
    this.stopBar();
    const { elapsed, rate } = this.pace();
    if (this.options.epochSummary ?? true) this.stream.write(`epoch ${epoch + 1}/${ctx.epochs}: ${formatLogs(logs)} (${elapsed}, ${rate})\n`);
  }

  onTrainEnd(_history: unknown, ctx: TrainContext): void {
    this.stopBar();
    if (ctx.stopRequested) this.stream.write(`stopped (${ctx.stopRequested.reason}): ${ctx.stopRequested.message}\n`);
  }

  /** Elapsed time of the epoch and the training rate so far, formatted. */
  private pace(): { elapsed: string; rate: string } {
    const seconds = (this.now() - this.epochStart) / 1000;
    return { elapsed: formatDuration(seconds), rate: formatRate(this.samples / seconds, this.unit) };
  }

  /** Whether a non-TTY progress line is due, and if so, marks it written. */
  private due(): boolean {
    if (this.now() - this.lastLine < (this.options.intervalMs ?? 10_000)) return false;
    this.lastLine = this.now();
    return true;
  }

  private startBar(format: string, total: number): void {
    this.stopBar();
    this.bar = new cliProgress.SingleBar({
      format, stream: this.stream, fps: this.options.fps ?? 10, hideCursor: true, clearOnComplete: true, etaBuffer: 50,
    }, cliProgress.Presets.shades_classic);
    this.bar.start(total, 0, { loss: '-', rate: '-', elapsed: '0.0s' });
  }

  private stopBar(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
