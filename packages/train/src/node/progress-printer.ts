import cliProgress from 'cli-progress';
import { checkOptions } from '@mlpkit/tensor';
import type { ProgressListener } from '../progress.js';
import { formatAmount, formatDuration, formatRate } from './progress-format.js';

/** Options of {@link progressPrinter}. */
export interface ProgressPrinterOptions {
  /** The stream to draw on (default process.stderr, so stdout stays clean for results). */
  stream?: NodeJS.WriteStream;
  /** What is counted: `batches` (default), `steps`, `bytes`… */
  unit?: string;
  /** Without a TTY, at most one line per this many ms (default 10 000), so CI logs show life. */
  intervalMs?: number;
  /** The clock, in ms (default `performance.now`); tests pass their own. */
  now?: () => number;
}

/** A {@link ProgressListener} that draws, plus `stop()` to close it early. */
export type ProgressPrinter = ProgressListener & { stop(): void };

/**
 * A terminal display for any long task that reports through a {@link ProgressListener}
 * (`evaluate`'s and `overfitSmallSubset`'s `onProgress`, dataset downloads): a bar with the
 * count, rate, elapsed time and ETA on a TTY, or one line every `intervalMs` elsewhere, and a
 * last line when `done` reaches `total`.
 *
 * @example
 * evaluate(model, testLoader, { metrics: ['accuracy'], onProgress: progressPrinter('test set') });
 */
export function progressPrinter(title: string, options: ProgressPrinterOptions = {}): ProgressPrinter {
  checkOptions('progressPrinter', options, ['stream', 'unit', 'intervalMs', 'now']);
  const stream = options.stream ?? process.stderr;
  const unit = options.unit ?? 'batches';
  const intervalMs = options.intervalMs ?? 10_000;
  const now = options.now ?? (() => performance.now());
  const start = now();
  let lastLine = start;
  let bar: cliProgress.SingleBar | null = null;
  let finished = false;
  const describe = (done: number, total: number | undefined, label?: string): string => {
    const seconds = (now() - start) / 1000;
    const rate = done / seconds;
    const left = total !== undefined && rate > 0 ? `, ETA ${formatDuration((total - done) / rate)}` : '';
    const amount = total === undefined ? formatAmount(done, unit) : `${formatAmount(done, unit)} of ${formatAmount(total, unit)}`;
    return `${title}${label && label !== title ? ` (${label})` : ''}: ${amount}, ${formatRate(rate, unit)}, ${formatDuration(seconds)} elapsed${left}`;
  };
  const stop = (): void => {
    bar?.stop();
    bar = null;
    finished = true;
  };
  const listener = (done: number, total: number | undefined, label?: string): void => {
    if (finished) return;
    const complete = total !== undefined && done >= total;
    if (stream.isTTY) {
      const seconds = (now() - start) / 1000;
      const payload = { what: formatAmount(done, unit), rate: formatRate(done / seconds, unit), elapsed: formatDuration(seconds) };
      if (!bar) {
        bar = new cliProgress.SingleBar({
          format: `${title} [{bar}] {what} | {rate} | {elapsed} elapsed | ETA {eta_formatted}`,
          stream, hideCursor: true, clearOnComplete: false, etaBuffer: 50,
        }, cliProgress.Presets.shades_classic);
        bar.start(total ?? 0, done, payload);
      } else if (total !== undefined && bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done, payload);
    } else if (complete || now() - lastLine >= intervalMs) {
      lastLine = now();
      stream.write(`${describe(done, total, label)}${complete ? ', done' : ''}\n`);
    }
    if (complete) stop();
  };
  return Object.assign(listener, { stop });
}
